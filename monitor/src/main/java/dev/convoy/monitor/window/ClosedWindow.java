package dev.convoy.monitor.window;

import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.sample.Sample;
import java.util.List;

/** A window that has just closed: its samples, in arrival order, and its time range. */
public record ClosedWindow(ModelKey key, long index, long startNanos, long endNanos, List<Sample> samples) {
}
