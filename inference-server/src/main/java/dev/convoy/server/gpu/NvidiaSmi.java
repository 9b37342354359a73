package dev.convoy.server.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Queries {@code nvidia-smi} for the GPUs of this host. */
public final class NvidiaSmi {
  static final List<String> QUERY = List.of("--query-gpu=index,uuid,utilization.gpu,memory.used,memory.total",
      "--format=csv,noheader,nounits");
  private static final long MIB = 1L << 20;

  private final String executable;
  private final Duration timeout;

  /** @param executable {@code nvidia-smi}, or a path to it */
  public NvidiaSmi(String executable, Duration timeout) {
    this.executable = executable;
    this.timeout = timeout;
  }

  /** {@code nvidia-smi} from the PATH, given 5 s to answer. */
  public static NvidiaSmi onPath() {
    return new NvidiaSmi("nvidia-smi", Duration.ofSeconds(5));
  }

  /** The GPUs now; empty when nvidia-smi is absent, fails or does not answer in time. */
  public Optional<List<GpuSample>> query() {
    List<String> command = new ArrayList<>(List.of(executable));
    command.addAll(QUERY);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return Optional.empty();
    }
    try (InputStream out = process.getInputStream()) {
      String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(parse(text));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      process.destroy();
    }
  }

  /** How many GPUs nvidia-smi lists; 0 without it. */
  public int gpuCount() {
    return query().map(List::size).orElse(0);
  }

  /**
   * Parses the CSV that {@link #QUERY} asks for: one line per GPU, e.g.
   * {@code 0, GPU-5c2b..., 37, 1024, 143771} (utilisation %, memory MiB).
   *
   * @throws IllegalArgumentException on a line of another shape
   */
  static List<GpuSample> parse(String csv) {
    List<GpuSample> samples = new ArrayList<>();
    for (String line : csv.strip().lines().filter(l -> !l.isBlank()).toList()) {
      String[] cells = line.split(",\\s*");
      if (cells.length != 5) {
        throw new IllegalArgumentException("unexpected nvidia-smi line: " + line);
      }
      try {
        samples.add(new GpuSample(Integer.parseInt(cells[0].strip()), cells[1].strip(),
            number(cells[2]) / 100.0, (long) (number(cells[3]) * MIB), (long) (number(cells[4]) * MIB)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unexpected nvidia-smi line: " + line, e);
      }
    }
    return samples;
  }

  /** nvidia-smi writes {@code [N/A]} where a GPU cannot say (e.g. utilisation under MIG). */
  private static double number(String cell) {
    String value = cell.strip();
    return value.startsWith("[") ? Double.NaN : Double.parseDouble(value);
  }
}
