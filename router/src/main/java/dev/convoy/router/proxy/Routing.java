package dev.convoy.router.proxy;

import dev.convoy.router.backend.BackendRegistry;
import dev.convoy.router.balance.BackendChooser;
import dev.convoy.router.fault.RetryBudget;
import dev.convoy.router.telemetry.RouterMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What the call handlers share.
 *
 * @param fanOutTimeout the deadline of fan-out calls when the client set none
 * @param refresh re-reads every backend's state (after a model load or unload)
 * @param metrics counts calls, choices and retries
 * @param started completes when start-up stops holding calls (see {@code wait-for-backends})
 * @param afterRead runs a forwarded call's start once its I/O thread has handled the rest of
 *     what it read: a call the client cancelled in the same read (a flood of expiring deadlines
 *     sends many) is then never forwarded, and costs the router and its backend nothing more
 */
public record Routing(BackendRegistry registry, BackendChooser chooser, RetryBudget retryBudget,
    Duration fanOutTimeout, Supplier<CompletableFuture<Void>> refresh, RouterMetrics metrics,
    CompletableFuture<Void> started, Executor afterRead) {}
