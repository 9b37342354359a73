package dev.convoy.monitor.engine;

import dev.convoy.monitor.reference.ReferenceProfile;
import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.sample.Sample;
import java.util.Map;

/** Turns a wire sample into a {@link Sample}, or says which field is wrong. */
final class SampleValidator {
  static final int MAX_ID = 256;
  static final int MAX_NAME = 256;
  static final int MAX_FEATURES = 100_000;

  private SampleValidator() {
  }

  /** The reason a sample is refused; null when it is valid. */
  static String problem(dev.convoy.proto.monitor.v1.Sample s, Map<ModelKey, ReferenceProfile> references) {
    if (s.getModelName().isEmpty() || s.getModelName().length() > MAX_NAME) {
      return "model_name: must be 1.." + MAX_NAME + " characters";
    }
    if (s.getModelVersion().isEmpty() || s.getModelVersion().length() > 64) {
      return "model_version: must be 1..64 characters";
    }
    if (s.getRequestId().isEmpty() || s.getRequestId().length() > MAX_ID) {
      return "request_id: must be 1.." + MAX_ID + " characters";
    }
    if (s.getFeaturesCount() == 0 || s.getFeaturesCount() > MAX_FEATURES) {
      return "features: must hold 1.." + MAX_FEATURES + " values";
    }
    ReferenceProfile reference = references.get(new ModelKey(s.getModelName(), s.getModelVersion()));
    if (reference != null && reference.featureCount() != s.getFeaturesCount()) {
      return "features: " + s.getFeaturesCount() + " values, the reference of " + reference.key()
          + " has " + reference.featureCount();
    }
    if (reference != null && reference.classes() > 0 && reference.classes() != s.getScoresCount()) {
      return "scores: " + s.getScoresCount() + " values, the reference of " + reference.key()
          + " has " + reference.classes();
    }
    return null;
  }

  static Sample toSample(dev.convoy.proto.monitor.v1.Sample s, long receivedNanos) {
    float[] features = new float[s.getFeaturesCount()];
    for (int i = 0; i < features.length; i++) {
      features[i] = s.getFeatures(i);
    }
    float[] scores = new float[s.getScoresCount()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = s.getScores(i);
    }
    long time = s.getTimeUnixNanos() == 0 ? receivedNanos : s.getTimeUnixNanos();
    String trace = s.getTraceId().length() > 64 ? s.getTraceId().substring(0, 64) : s.getTraceId();
    return new Sample(new ModelKey(s.getModelName(), s.getModelVersion()), s.getRequestId(), time,
        receivedNanos, trace, features, scores);
  }
}
