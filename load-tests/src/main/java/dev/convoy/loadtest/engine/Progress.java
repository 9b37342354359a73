package dev.convoy.loadtest.engine;

/**
 * A live view of a run, for progress displays.
 *
 * @param completed measured calls finished so far (skipped ones included)
 * @param failed those of them that did not end OK
 * @param warmingUp whether the run is still in its warm-up
 * @param elapsedNanos time since the measured phase started, 0 during warm-up
 * @param fraction how far the run is, 0..1, by calls or by time, whichever is further
 */
public record Progress(
    long completed, long failed, boolean warmingUp, long elapsedNanos, double fraction) {}
