package dev.convoy.router.balance;

import dev.convoy.router.config.BackendKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Prefers GPU backends and spills to CPU when they are saturated.
 *
 * <ol>
 *   <li>GPU candidates whose {@code outstanding / weight} is below the saturation threshold
 *       exist: power of two choices among them.
 *   <li>Otherwise, if there are CPU candidates: the best GPU (by power of two choices) and the
 *       best CPU compete on the load each would carry with the request
 *       ({@link Candidate#compareLoad}), and the CPU wins ties. Spill therefore goes to CPU
 *       while CPU is less loaded than the saturated GPUs, and back to GPU when it is not. With
 *       a threshold of 1 or more an idle CPU always takes the spill.
 *   <li>No CPU candidates: power of two choices among the GPUs.
 * </ol>
 */
public final class GpuFirstChooser implements BackendChooser {
  private final PowerOfTwoChooser p2c;
  private final double saturation;

  /** @param saturation outstanding requests per unit of weight at which a GPU counts as saturated */
  public GpuFirstChooser(PowerOfTwoChooser p2c, double saturation) {
    if (!(saturation > 0)) {
      throw new IllegalArgumentException("saturation must be positive, got " + saturation);
    }
    this.p2c = p2c;
    this.saturation = saturation;
  }

  @Override
  public <T extends Candidate> T choose(List<T> candidates) {
    List<T> gpus = new ArrayList<>();
    List<T> openGpus = new ArrayList<>();
    List<T> cpus = new ArrayList<>();
    for (T candidate : candidates) {
      if (candidate.kind() != BackendKind.GPU) {
        cpus.add(candidate);
      } else {
        gpus.add(candidate);
        if (!saturated(candidate)) {
          openGpus.add(candidate);
        }
      }
    }
    if (!openGpus.isEmpty()) {
      return p2c.choose(openGpus);
    }
    if (cpus.isEmpty()) {
      return p2c.choose(gpus);
    }
    T cpu = p2c.choose(cpus);
    if (gpus.isEmpty()) {
      return cpu;
    }
    T gpu = p2c.choose(gpus);
    return Candidate.compareLoad(gpu, cpu) < 0 ? gpu : cpu;
  }

  /** Whether {@code outstanding / weight >= saturation}. */
  public boolean saturated(Candidate candidate) {
    return candidate.outstanding() >= saturation * candidate.weight();
  }

  @Override
  public String policyName() {
    return "gpu-first";
  }
}
