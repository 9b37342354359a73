package dev.convoy.loadtest.report;

import static dev.convoy.loadtest.report.Durations.format;

/** Plot frame and axis helpers for the inline SVG charts. */
final class Svg {

  static final int WIDTH = 860;
  static final int HEIGHT = 320;
  static final int LEFT = 70;
  static final int RIGHT = 20;
  static final int TOP = 20;
  static final int BOTTOM = 50;
  static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
  static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

  private Svg() {}

  static void open(StringBuilder svg, String title) {
    svg.append(format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
            + " height=\"%d\" role=\"img\" aria-label=\"%s\">\n",
        WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape(title)));
  }

  /** Axes, gridlines and tick labels for [0, xMax] x [0, yMax]. */
  static void axes(StringBuilder svg, double xMax, double yMax, String xLabel, String yLabel,
      boolean xTicks) {
    double yStep = niceStep(yMax, 5);
    for (double y = 0; y <= yMax + 1e-9; y += yStep) {
      double py = yPixel(y, yMax);
      svg.append(format("<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>\n",
          LEFT, py, LEFT + PLOT_WIDTH, py));
      svg.append(format("<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
          LEFT - 6, py + 4, tickText(y, yStep)));
    }
    if (xTicks) {
      double xStep = niceStep(xMax, 8);
      for (double x = 0; x <= xMax + 1e-9; x += xStep) {
        double px = xPixel(x, xMax);
        svg.append(format(
            "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
            px, TOP + PLOT_HEIGHT + 16, tickText(x, xStep)));
      }
    }
    svg.append(format("<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
        LEFT, TOP + PLOT_HEIGHT, LEFT + PLOT_WIDTH, TOP + PLOT_HEIGHT));
    svg.append(format("<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
        LEFT, TOP, LEFT, TOP + PLOT_HEIGHT));
    svg.append(format("<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
        LEFT + PLOT_WIDTH / 2, HEIGHT - 8, Html.escape(xLabel)));
    svg.append(format(
        "<text class=\"label\" x=\"16\" y=\"%d\" text-anchor=\"middle\""
            + " transform=\"rotate(-90 16 %d)\">%s</text>\n",
        TOP + PLOT_HEIGHT / 2, TOP + PLOT_HEIGHT / 2, Html.escape(yLabel)));
  }

  static double xPixel(double x, double xMax) {
    return LEFT + (xMax <= 0 ? 0 : x / xMax * PLOT_WIDTH);
  }

  static double yPixel(double y, double yMax) {
    return TOP + PLOT_HEIGHT - (yMax <= 0 ? 0 : y / yMax * PLOT_HEIGHT);
  }

  /** A round axis maximum at or above {@code max}. */
  static double niceMax(double max, int ticks) {
    if (max <= 0) {
      return 1;
    }
    double step = niceStep(max, ticks);
    return Math.ceil(max / step) * step;
  }

  /** A 1, 2 or 5 times a power of ten step giving about {@code ticks} ticks. */
  static double niceStep(double range, int ticks) {
    if (range <= 0) {
      return 1;
    }
    double raw = range / ticks;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double normalised = raw / magnitude;
    double nice = normalised < 1.5 ? 1 : normalised < 3 ? 2 : normalised < 7 ? 5 : 10;
    return nice * magnitude;
  }

  private static String tickText(double value, double step) {
    if (step >= 1) {
      return format("%.0f", value);
    }
    int decimals = (int) Math.ceil(-Math.log10(step));
    return format("%." + decimals + "f", value);
  }
}
