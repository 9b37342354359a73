package dev.convoy.loadtest.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows measured together so that they see the same machine: every row's target runs for the
 * whole set, and after each row's warm-up the measured time of each row is cut into
 * {@value #SLICES} slices, run in turn, forwards then backwards (A B C, C B A, A B C, ...): a
 * change in the machine's load during the set (other processes, the JIT) falls on every row
 * alike instead of on whichever ran last. Each row's slices are summed into its result. A set
 * of one row is measured in one piece.
 *
 * <p>The set is measured once per run, by whichever of its rows runs first; the others read
 * the result (or the reason they could not run).
 */
final class InterleavedSet {

  /** Slices per row. */
  static final int SLICES = 6;

  private final List<String> ids;
  private final List<Contender> contenders;
  private BenchContext measuredIn; // guarded by this
  private Map<String, Object> outcomes; // a Measurement or the Exception, by row; guarded by this

  /** @param rows the rows' ids and contenders, in the order the slices visit them */
  InterleavedSet(Map<String, Contender> rows) {
    this.ids = List.copyOf(rows.keySet());
    this.contenders = List.copyOf(rows.values());
  }

  /** A row measured on its own. */
  static Probe single(String id, Contender contender) {
    return new InterleavedSet(Map.of(id, contender)).row(id);
  }

  /** The probe of row {@code id}. */
  Probe row(String id) {
    return context -> {
      Object outcome = measure(context).get(id);
      if (outcome instanceof Exception e) {
        throw e;
      }
      return (Measurement) outcome;
    };
  }

  private synchronized Map<String, Object> measure(BenchContext context)
      throws InterruptedException {
    if (measuredIn != context) {
      measuredIn = context;
      List<String> selected = ids.stream().filter(context::isSelected).toList();
      List<Contender> chosen = selected.stream().map(id -> contenders.get(ids.indexOf(id)))
          .toList();
      List<Object> measured = run(context, chosen);
      outcomes = new HashMap<>();
      for (int i = 0; i < selected.size(); i++) {
        outcomes.put(selected.get(i), measured.get(i));
      }
    }
    return outcomes;
  }

  /** Measures the rows of the set this run selected; unselected ones cost no time. */
  private static List<Object> run(BenchContext context, List<Contender> contenders)
      throws InterruptedException {
    Set<Target> targets = new LinkedHashSet<>();
    contenders.forEach(c -> targets.addAll(c.targets()));
    context.targets().runOnly(targets);
    List<Object> outcomes = new ArrayList<>();
    List<Contender.Side> sides = new ArrayList<>();
    for (Contender contender : contenders) {
      Contender.Side side = attempt(outcomes, () -> {
        Contender.Side opened = contender.open(context);
        opened.warmUp();
        return opened;
      });
      sides.add(side);
    }
    int slices = contenders.size() == 1 ? 1 : SLICES;
    Duration slice = context.settings().duration().dividedBy(slices);
    for (int s = 0; s < slices; s++) {
      for (int k = 0; k < sides.size(); k++) {
        int i = s % 2 == 0 ? k : sides.size() - 1 - k;
        Contender.Side side = sides.get(i);
        if (side != null && !sliceOnce(side, slice, outcomes, i)) {
          sides.set(i, null);
        }
      }
    }
    for (int i = 0; i < sides.size(); i++) {
      Contender.Side side = sides.get(i);
      if (side != null) {
        outcomes.set(i, orFailure(side::measurement));
      }
    }
    return outcomes;
  }

  private static boolean sliceOnce(Contender.Side side, Duration slice, List<Object> outcomes,
      int index) throws InterruptedException {
    Object failure = orFailure(() -> {
      side.slice(slice);
      return null;
    });
    if (failure != null) {
      outcomes.set(index, failure);
      return false;
    }
    return true;
  }

  /** Runs {@code step}; on failure records it as the row's outcome and returns null. */
  private static Contender.Side attempt(List<Object> outcomes, Step<Contender.Side> step)
      throws InterruptedException {
    Object result = orFailure(step);
    if (result instanceof Contender.Side side) {
      outcomes.add(null);
      return side;
    }
    outcomes.add(result);
    return null;
  }

  private static Object orFailure(Step<?> step) throws InterruptedException {
    try {
      return step.run();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      return e;
    }
  }

  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }
}
