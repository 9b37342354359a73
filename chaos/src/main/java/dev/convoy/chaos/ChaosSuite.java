package dev.convoy.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chaos suite: the real server and router, each in its own JVM on loopback, against
 * malformed calls, memory abuse, hung and killed backends, a short-deadline flood and calls
 * that leave before dispatch. Each case prints its figures and whether its goal is met.
 *
 * <pre>
 * chaos/convoy-chaos            # short mode, a minute or two
 * chaos/convoy-chaos --full     # 10,000 fuzz calls per path, 500 never-read streams, longer runs
 * chaos/convoy-chaos --case flood --case faults   # only those cases
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

  /** A case of the suite, by the name {@code --case} takes. */
  interface Case {
    CaseResult run(Path root, Path repository, Mode mode) throws Exception;
  }

  /** Every case, in the order they run. */
  static final Map<String, Case> CASES = cases();

  private static Map<String, Case> cases() {
    Map<String, Case> cases = new LinkedHashMap<>();
    cases.put("fuzz", (root, repository, mode) -> FuzzCase.run(root, repository, mode.fuzzRequests()));
    cases.put("memory", (root, repository, mode) -> MemoryCase.run(root, repository, mode.streams(), mode.holdMillis()));
    cases.put("faults", (root, repository, mode) -> FaultCase.run(root, repository, mode.loadMillis()));
    cases.put("flood", (root, repository, mode) -> FloodCase.run(root, repository, mode.floodMillis()));
    cases.put("cancel", (root, repository, mode) -> CancelCase.run(root, repository));
    return Collections.unmodifiableMap(cases);
  }

  /** Runs every case; the results in order. */
  static List<CaseResult> run(Path root, Mode mode) throws Exception {
    return run(root, mode, CASES.keySet());
  }

  /** Runs the named cases, in the suite's order; the results in that order. */
  static List<CaseResult> run(Path root, Mode mode, Collection<String> names) throws Exception {
    Path work = Files.createTempDirectory("convoy-chaos");
    try {
      Path repository = ChaosRepository.create(root, work.resolve("models"));
      List<CaseResult> results = new ArrayList<>();
      for (Map.Entry<String, Case> entry : CASES.entrySet()) {
        if (names.contains(entry.getKey())) {
          results.add(report(entry.getValue().run(root, repository, mode)));
        }
      }
      return results;
    } finally {
      delete(work);
    }
  }

  public static void main(String[] args) throws Exception {
    List<String> arguments = List.of(args);
    Mode mode = arguments.contains("--full") ? Mode.FULL : Mode.SHORT;
    Collection<String> names;
    try {
      names = caseNames(arguments);
    } catch (IllegalArgumentException e) {
      System.err.println("convoy-chaos: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println("convoy chaos suite, " + mode.name() + " mode");
    List<CaseResult> results = run(root(), mode, names);
    long met = results.stream().filter(CaseResult::met).count();
    boolean countsMet = results.stream().filter(r -> !r.timed()).allMatch(CaseResult::met);
    System.out.println(met + " of " + results.size() + " goals met (latency ratios need a quiet machine)");
    System.exit(countsMet ? 0 : 1);
  }

  /** The cases {@code --case NAME} options name (the option may repeat), or all of them; an unknown name throws. */
  static Collection<String> caseNames(List<String> arguments) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      if (arguments.get(i).equals("--case")) {
        String name = i + 1 < arguments.size() ? arguments.get(++i) : "";
        if (!CASES.containsKey(name)) {
          throw new IllegalArgumentException("--case takes one of " + String.join(", ", CASES.keySet())
              + "; got '" + name + "'");
        }
        names.add(name);
      }
    }
    return names.isEmpty() ? CASES.keySet() : names;
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
