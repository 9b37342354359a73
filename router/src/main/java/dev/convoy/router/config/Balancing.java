package dev.convoy.router.config;

/**
 * @param gpuSaturation for {@link BalancePolicy#GPU_FIRST}: a GPU backend whose outstanding
 *     requests per unit of weight reach this value is saturated, and traffic spills to CPU
 */
public record Balancing(BalancePolicy policy, double gpuSaturation) {
  public Balancing {
    if (policy == null) {
      throw new ConfigException("policy is missing");
    }
    if (!(gpuSaturation > 0) || Double.isInfinite(gpuSaturation)) {
      throw new ConfigException("gpu-first.saturation must be a positive number, got " + gpuSaturation);
    }
  }
}
