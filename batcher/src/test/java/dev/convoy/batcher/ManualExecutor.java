package dev.convoy.batcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** Holds tasks until the test runs them, in whatever order it picks. */
final class ManualExecutor implements Executor {
  private final List<Runnable> tasks = new ArrayList<>();

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  int pending() {
    return tasks.size();
  }

  /** Runs the task queued {@code index}-th among those still pending. */
  void run(int index) {
    tasks.remove(index).run();
  }

  void runAll() {
    while (!tasks.isEmpty()) {
      run(0);
    }
  }
}
