package dev.convoy.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The chaos suite: the real server and router, each in its own JVM on loopback, against
 * malformed calls, memory abuse, hung and killed backends, a short-deadline flood and calls
 * that leave before dispatch. Each case prints its figures and whether its goal is met.
 *
 * <pre>
 * chaos/convoy-chaos            # short mode, a minute or two
 * chaos/convoy-chaos --full     # 10,000 fuzz calls per path, 500 never-read streams, longer runs
 * </pre>
 *
 * The jars come from a built checkout: {@code -Dconvoy.root=DIR} (default: the working
 * directory or its parent, whichever holds {@code inference-server/target}).
 */
public final class ChaosSuite {
  /** How big each case is. */
  record Mode(String name, int fuzzRequests, int streams, long holdMillis, long loadMillis, long floodMillis) {
    static final Mode SHORT = new Mode("short", 1_400, 100, 2_000, 2_000, 3_000);
    static final Mode FULL = new Mode("full", 10_010, 500, 10_000, 5_000, 15_000);
  }

  private ChaosSuite() {}

  /** Runs every case; the results in order. */
  static List<CaseResult> run(Path root, Mode mode) throws Exception {
    Path work = Files.createTempDirectory("convoy-chaos");
    try {
      Path repository = ChaosRepository.create(root, work.resolve("models"));
      List<CaseResult> results = new ArrayList<>();
      results.add(report(FuzzCase.run(root, repository, mode.fuzzRequests())));
      results.add(report(MemoryCase.run(root, repository, mode.streams(), mode.holdMillis())));
      results.add(report(FaultCase.run(root, repository, mode.loadMillis())));
      results.add(report(FloodCase.run(root, repository, mode.floodMillis())));
      results.add(report(CancelCase.run(root, repository)));
      return results;
    } finally {
      delete(work);
    }
  }

  public static void main(String[] args) throws Exception {
    Mode mode = List.of(args).contains("--full") ? Mode.FULL : Mode.SHORT;
    System.out.println("convoy chaos suite, " + mode.name() + " mode");
    List<CaseResult> results = run(root(), mode);
    long met = results.stream().filter(CaseResult::met).count();
    boolean countsMet = results.stream().filter(r -> !r.timed()).allMatch(CaseResult::met);
    System.out.println(met + " of " + results.size() + " goals met (latency ratios need a quiet machine)");
    System.exit(countsMet ? 0 : 1);
  }

  static Path root() {
    String configured = System.getProperty("convoy.root");
    if (configured != null) {
      return Path.of(configured);
    }
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("inference-server/target")) ? here : here.getParent();
  }

  private static CaseResult report(CaseResult result) {
    System.out.print(result.describe());
    System.out.flush();
    return result;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
