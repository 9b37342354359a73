package dev.convoy.server.repository;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The time sources and the scheduler the hosted models share, injected so tests can drive
 * queue delays and timeouts with a fake clock.
 *
 * @param nanoTime the monotonic ticker for queue delays, deadlines and durations
 * @param wallClock stamps {@code last_inference}
 * @param scheduler runs the batchers' dispatch passes and wake-ups; never runs a model
 */
public record Timekeeping(LongSupplier nanoTime, Clock wallClock, ScheduledExecutorService scheduler) {}
