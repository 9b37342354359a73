package dev.convoy.monitor.engine;

import dev.convoy.monitor.quality.ConfusionMatrix;
import dev.convoy.proto.monitor.v1.ClassQuality;
import dev.convoy.proto.monitor.v1.Quality;

/** Quality scores as the wire message. */
final class Reports {
  private Reports() {
  }

  static Quality quality(ConfusionMatrix.Scores scores) {
    Quality.Builder quality = Quality.newBuilder()
        .setLabelled(scores.labelled())
        .setAccuracy(scores.accuracy())
        .setMacroPrecision(scores.macroPrecision())
        .setMacroRecall(scores.macroRecall())
        .setMacroF1(scores.macroF1());
    for (ConfusionMatrix.ClassScore c : scores.classes()) {
      quality.addClasses(ClassQuality.newBuilder().setLabel(c.label()).setPrecision(c.precision())
          .setRecall(c.recall()).setF1(c.f1()).setSupport(c.support()));
    }
    return quality.build();
  }
}
