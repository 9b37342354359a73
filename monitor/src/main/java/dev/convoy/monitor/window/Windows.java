package dev.convoy.monitor.window;

import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.sample.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open window of each model version. Samples are placed by their arrival time; a time
 * window spans {@code [k d, (k+1) d)} of epoch time and closes at the first sample or tick at
 * or after its end; a count window closes with its last sample. Windows without samples are
 * never reported. Not thread-safe: one thread (the monitor's writer) owns it.
 */
public final class Windows {
  private final WindowPolicy policy;
  private final Map<ModelKey, Open> open = new HashMap<>();
  private final Map<ModelKey, Long> nextIndex = new HashMap<>();

  public Windows(WindowPolicy policy) {
    this.policy = policy;
  }

  /** Where a sample went, and the windows that closed around it. */
  public record Placement(long index, List<ClosedWindow> closed) {
  }

  /**
   * Continues a model version after a restart from its next window index and the samples
   * stored after its last report; returns the windows those samples close.
   */
  public List<ClosedWindow> resume(ModelKey key, long next, List<Sample> openSamples) {
    nextIndex.put(key, next);
    List<ClosedWindow> closed = new ArrayList<>();
    for (Sample sample : openSamples) {
      closed.addAll(place(sample).closed());
    }
    return closed;
  }

  /** The index of the window {@code sample} joins. */
  public Placement place(Sample sample) {
    List<ClosedWindow> closed = new ArrayList<>();
    Open window = open.get(sample.key());
    if (window != null && window.endsBefore(sample.receivedNanos())) {
      closed.add(close(sample.key()));
      window = null;
    }
    if (window == null) {
      window = new Open(nextIndex.merge(sample.key(), 1L, Long::sum) - 1, startOf(sample.receivedNanos()));
      open.put(sample.key(), window);
    }
    window.samples.add(sample);
    long index = window.index;
    if (policy instanceof WindowPolicy.ByCount byCount && window.samples.size() >= byCount.count()) {
      closed.add(close(sample.key()));
    }
    return new Placement(index, closed);
  }

  /** Closes the time windows that have ended by {@code nowNanos}. */
  public List<ClosedWindow> closeDue(long nowNanos) {
    List<ClosedWindow> closed = new ArrayList<>();
    for (ModelKey key : List.copyOf(open.keySet())) {
      if (open.get(key).endsBefore(nowNanos)) {
        closed.add(close(key));
      }
    }
    return closed;
  }

  /** Samples in the open window of {@code key}. */
  public int openSize(ModelKey key) {
    Open window = open.get(key);
    return window == null ? 0 : window.samples.size();
  }

  private ClosedWindow close(ModelKey key) {
    Open window = open.remove(key);
    long end = policy instanceof WindowPolicy.ByTime byTime
        ? window.start + byTime.duration().toNanos()
        : window.samples.get(window.samples.size() - 1).receivedNanos();
    return new ClosedWindow(key, window.index, window.start, end, List.copyOf(window.samples));
  }

  private long startOf(long receivedNanos) {
    if (policy instanceof WindowPolicy.ByTime byTime) {
      long d = byTime.duration().toNanos();
      return Math.floorDiv(receivedNanos, d) * d;
    }
    return receivedNanos;
  }

  private final class Open {
    final long index;
    final long start;
    final List<Sample> samples = new ArrayList<>();

    Open(long index, long start) {
      this.index = index;
      this.start = start;
    }

    boolean endsBefore(long nanos) {
      return policy instanceof WindowPolicy.ByTime byTime && nanos >= start + byTime.duration().toNanos();
    }
  }
}
