package dev.convoy.server;

import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ONNX Runtime instances that, once {@link #hold()} is called (after warm-up), stop each run
 * at the door until the test lets it through, and count the runs and rows that got in.
 */
public final class HeldBackend implements ModelBackend {
  private final InterceptedOnnxBackend intercepted = new InterceptedOnnxBackend(this::atTheDoor);
  private final Semaphore passes = new Semaphore(0);
  private final AtomicInteger runs = new AtomicInteger();
  private final AtomicInteger rows = new AtomicInteger();
  private volatile boolean holding;
  private volatile CountDownLatch entered = new CountDownLatch(1);

  public void hold() {
    holding = true;
  }

  /** Lets {@code count} held runs proceed. */
  public void letThrough(int count) {
    passes.release(count);
  }

  /** Waits until a run is at the door. */
  public void awaitEntered() throws InterruptedException {
    entered.await();
    entered = new CountDownLatch(1);
  }

  /** Runs that reached the model since {@link #hold()}. */
  public int runs() {
    return runs.get();
  }

  public int rows() {
    return rows.get();
  }

  @Override
  public ModelInstance load(ModelSpec spec, Path versionDir, InstanceGroup group, int gpu) {
    return intercepted.load(spec, versionDir, group, gpu);
  }

  private void atTheDoor(List<Tensor> inputs) {
    if (holding) {
      runs.incrementAndGet();
      rows.addAndGet((int) inputs.get(0).dim(0));
      entered.countDown();
      passes.acquireUninterruptibly();
    }
  }
}
