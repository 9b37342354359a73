package dev.convoy.loadtest.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the targets the rows being measured need, and only those: a target idling between its
 * rows would take CPU from the row being measured, so asking for a set of targets stops every
 * other one first. Targets asked for again stay up (and warm). A target that failed to start is
 * not retried: its later rows get the same reason.
 */
public final class TargetHost implements AutoCloseable {

  private final TargetLauncher launcher;
  private final Map<String, RunningTarget> running = new LinkedHashMap<>();
  private final Map<String, String> failures = new HashMap<>();

  TargetHost(TargetLauncher launcher) {
    this.launcher = launcher;
  }

  /**
   * Makes exactly {@code wanted} and their dependencies run: stops the others, starts those
   * missing (dependencies first). A target that cannot start is remembered, not thrown: see
   * {@link #get}.
   */
  void runOnly(Collection<? extends Target> wanted) throws InterruptedException {
    Map<String, Target> needed = new LinkedHashMap<>();
    wanted.forEach(target -> addWithDependencies(target, needed));
    List<String> stopping = new ArrayList<>(running.keySet());
    stopping.removeAll(needed.keySet());
    for (int i = stopping.size() - 1; i >= 0; i--) {
      running.remove(stopping.get(i)).close();
    }
    for (Target target : needed.values()) {
      if (!running.containsKey(target.key()) && !failures.containsKey(target.key())) {
        start(target);
      }
    }
  }

  /**
   * The running {@code target}.
   *
   * @throws NotRunException with the reason it did not start
   */
  RunningTarget get(Target target) throws NotRunException {
    RunningTarget found = running.get(target.key());
    if (found != null) {
      return found;
    }
    String failure = failures.get(target.key());
    throw new NotRunException(failure != null ? failure : target.key() + " is not running");
  }

  /** The process ids of the targets running now. */
  List<Long> pids() {
    return running.values().stream().map(target -> target.process().pid()).toList();
  }

  private void start(Target target) throws InterruptedException {
    for (Target dependency : target.dependencies()) {
      String failed = failures.get(dependency.key());
      if (failed != null) {
        failures.put(target.key(), failed);
        return;
      }
    }
    try {
      running.put(target.key(), launcher.start(target, running));
    } catch (NotRunException e) {
      failures.put(target.key(), e.getMessage());
    }
  }

  private static void addWithDependencies(Target target, Map<String, Target> into) {
    target.dependencies().forEach(dependency -> addWithDependencies(dependency, into));
    into.putIfAbsent(target.key(), target);
  }

  /** Stops every target, the last started first. */
  public void stopAll() {
    List<String> keys = new ArrayList<>(running.keySet());
    for (int i = keys.size() - 1; i >= 0; i--) {
      running.remove(keys.get(i)).close();
    }
  }

  @Override
  public void close() {
    stopAll();
  }
}
