package dev.convoy.router.balance;

import dev.convoy.router.config.Balancing;
import java.util.random.RandomGenerator;

/** Builds the chooser a configuration asks for. */
public final class Choosers {
  private Choosers() {}

  public static BackendChooser forConfig(Balancing balancing, RandomGenerator random) {
    PowerOfTwoChooser p2c = new PowerOfTwoChooser(random);
    return switch (balancing.policy()) {
      case P2C -> p2c;
      case GPU_FIRST -> new GpuFirstChooser(p2c, balancing.gpuSaturation());
    };
  }
}
