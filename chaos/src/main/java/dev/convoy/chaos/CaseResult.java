package dev.convoy.chaos;

/**
 * What one chaos case measured.
 *
 * @param figures the numbers it printed, one per line
 * @param goal the goal, in words
 * @param met whether the measured figures meet it
 * @param timed whether the goal is a latency ratio, meaningful only on a quiet machine: the
 *     build prints it but does not fail on it
 */
record CaseResult(String name, String figures, String goal, boolean met, boolean timed) {
  CaseResult(String name, String figures, String goal, boolean met) {
    this(name, figures, goal, met, false);
  }

  String describe() {
    return "== " + name + " ==\n" + figures + "  goal: " + goal + " -> " + (met ? "MET" : "NOT MET") + "\n";
  }
}
