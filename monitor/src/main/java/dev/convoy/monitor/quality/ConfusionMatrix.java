package dev.convoy.monitor.quality;

import java.util.ArrayList;
import java.util.List;

/** Counts of (true class, predicted class) pairs over a fixed number of classes. */
public final class ConfusionMatrix {
  private final long[][] counts;
  private long total;

  public ConfusionMatrix(int classes) {
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be at least 1, got " + classes);
    }
    this.counts = new long[classes][classes];
  }

  public int classes() {
    return counts.length;
  }

  /** Adds one labelled prediction; classes outside the range are refused. */
  public void add(int truth, int predicted) {
    if (truth < 0 || truth >= counts.length || predicted < 0 || predicted >= counts.length) {
      throw new IllegalArgumentException("class out of range 0.." + (counts.length - 1)
          + ": truth " + truth + ", predicted " + predicted);
    }
    counts[truth][predicted]++;
    total++;
  }

  public long total() {
    return total;
  }

  /** Per-class and macro scores; macro averages over classes that occur as truth or prediction. */
  public Scores scores() {
    List<ClassScore> classes = new ArrayList<>();
    long correct = 0;
    for (int c = 0; c < counts.length; c++) {
      long tp = counts[c][c];
      long predicted = column(c);
      long actual = row(c);
      correct += tp;
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = actual == 0 ? 0 : (double) tp / actual;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      classes.add(new ClassScore(c, precision, recall, f1, actual, predicted + actual > 0));
    }
    List<ClassScore> present = classes.stream().filter(ClassScore::present).toList();
    return new Scores(total, total == 0 ? 0 : (double) correct / total,
        mean(present, ClassScore::precision), mean(present, ClassScore::recall),
        mean(present, ClassScore::f1), classes);
  }

  private long column(int c) {
    long sum = 0;
    for (long[] row : counts) {
      sum += row[c];
    }
    return sum;
  }

  private long row(int c) {
    long sum = 0;
    for (long count : counts[c]) {
      sum += count;
    }
    return sum;
  }

  private static double mean(List<ClassScore> scores, java.util.function.ToDoubleFunction<ClassScore> f) {
    return scores.stream().mapToDouble(f).average().orElse(0);
  }

  /** One class's scores; {@code present} when it occurs as truth or as prediction. */
  public record ClassScore(int label, double precision, double recall, double f1, long support,
      boolean present) {
  }

  public record Scores(long labelled, double accuracy, double macroPrecision, double macroRecall,
      double macroF1, List<ClassScore> classes) {
  }
}
