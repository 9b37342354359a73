package dev.convoy.monitor.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import dev.convoy.monitor.drift.Fixtures;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
  private static final double TOLERANCE = 1e-6;

  @Test
  void scores_fixturePredictions_matchNumpy() {
    JsonObject c = Fixtures.drift().getAsJsonObject("classification");
    int[] truth = Fixtures.ints(c.getAsJsonArray("truth"));
    int[] predicted = Fixtures.ints(c.getAsJsonArray("predicted"));
    ConfusionMatrix matrix = new ConfusionMatrix(c.get("classes").getAsInt());
    for (int i = 0; i < truth.length; i++) {
      matrix.add(truth[i], predicted[i]);
    }
    ConfusionMatrix.Scores scores = matrix.scores();
    assertThat(scores.accuracy()).isCloseTo(c.get("accuracy").getAsDouble(), within(TOLERANCE));
    assertThat(scores.macroPrecision()).isCloseTo(c.get("macro_precision").getAsDouble(), within(TOLERANCE));
    assertThat(scores.macroRecall()).isCloseTo(c.get("macro_recall").getAsDouble(), within(TOLERANCE));
    assertThat(scores.macroF1()).isCloseTo(c.get("macro_f1").getAsDouble(), within(TOLERANCE));
    double[] f1 = Fixtures.doubles(c.getAsJsonArray("f1"));
    double[] precision = Fixtures.doubles(c.getAsJsonArray("precision"));
    double[] recall = Fixtures.doubles(c.getAsJsonArray("recall"));
    for (int k = 0; k < f1.length; k++) {
      assertThat(scores.classes().get(k).f1()).isCloseTo(f1[k], within(TOLERANCE));
      assertThat(scores.classes().get(k).precision()).isCloseTo(precision[k], within(TOLERANCE));
      assertThat(scores.classes().get(k).recall()).isCloseTo(recall[k], within(TOLERANCE));
    }
  }

  @Test
  void add_classOutOfRange_refused() {
    assertThatThrownBy(() -> new ConfusionMatrix(3).add(3, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truth 3");
  }

  @Test
  void expectedAccuracy_calibratedOnReference_followsBinAccuracy() {
    double[] confidence = new double[20];
    boolean[] correct = new boolean[20];
    for (int i = 0; i < 20; i++) {
      confidence[i] = i < 10 ? 0.95 : 0.55;
      correct[i] = i < 10 ? i < 8 : i < 13;
    }
    ConfidenceCalibration calibration = ConfidenceCalibration.fit(confidence, correct);
    assertThat(calibration.calibrated(0.91)).isEqualTo(0.8);
    assertThat(calibration.calibrated(0.51)).isEqualTo(0.3);
    // Too few reference rows in the 0.2 bin: the confidence itself.
    assertThat(calibration.calibrated(0.25)).isEqualTo(0.25);
    assertThat(calibration.expectedAccuracy(new double[] {0.99, 0.5})).isCloseTo(0.55, within(1e-12));
  }
}
