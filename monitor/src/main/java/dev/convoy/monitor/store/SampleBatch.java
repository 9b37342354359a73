package dev.convoy.monitor.store;

import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.sample.Sample;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples stored as one database row: consecutive samples of one ingest call that share the
 * model version, the window, the arrival time and the vector lengths. Each field is one
 * packed column ({@link Columns}); features and scores are FP32, sample after sample.
 */
record SampleBatch(ModelKey key, long windowIndex, long receivedNanos, int width, int classes,
    List<Sample> samples) {

  /** Cuts {@code placed} (in order) into batches of consecutive samples that fit together. */
  static List<SampleBatch> of(List<SampleTable.Placed> placed) {
    List<SampleBatch> batches = new ArrayList<>();
    List<Sample> current = new ArrayList<>();
    SampleTable.Placed first = null;
    for (SampleTable.Placed p : placed) {
      if (first != null && (!fits(first, p) || current.size() == RequestIndex.MAX_POSITIONS - 1)) {
        batches.add(batch(first, current));
        current = new ArrayList<>();
      }
      if (current.isEmpty()) {
        first = p;
      }
      current.add(p.sample());
    }
    if (!current.isEmpty()) {
      batches.add(batch(first, current));
    }
    return batches;
  }

  private static boolean fits(SampleTable.Placed first, SampleTable.Placed next) {
    Sample a = first.sample();
    Sample b = next.sample();
    return first.windowIndex() == next.windowIndex() && a.key().equals(b.key())
        && a.receivedNanos() == b.receivedNanos() && a.features().length == b.features().length
        && a.scores().length == b.scores().length;
  }

  private static SampleBatch batch(SampleTable.Placed first, List<Sample> samples) {
    Sample s = first.sample();
    return new SampleBatch(s.key(), first.windowIndex(), s.receivedNanos(), s.features().length,
        s.scores().length, List.copyOf(samples));
  }

  List<String> requestIds() {
    return samples.stream().map(Sample::requestId).toList();
  }

  byte[] packedRequestIds() {
    return Columns.strings(requestIds());
  }

  byte[] packedTraceIds() {
    return Columns.strings(samples.stream().map(Sample::traceId).toList());
  }

  byte[] packedTimes() {
    return Columns.longs(samples.stream().mapToLong(Sample::timeNanos).toArray());
  }

  byte[] packedFeatures() {
    ByteBuffer out = ByteBuffer.allocate(samples.size() * width * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer floats = out.asFloatBuffer();
    samples.forEach(s -> floats.put(s.features()));
    return out.array();
  }

  byte[] packedScores() {
    ByteBuffer out = ByteBuffer.allocate(samples.size() * classes * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer floats = out.asFloatBuffer();
    samples.forEach(s -> floats.put(s.scores()));
    return out.array();
  }

  /** A batch from its stored columns. */
  static SampleBatch unpack(ModelKey key, long windowIndex, long receivedNanos, int width, int classes,
      byte[] requestIds, byte[] traceIds, byte[] times, byte[] features, byte[] scores) {
    List<String> ids = Columns.strings(requestIds);
    List<String> traces = Columns.strings(traceIds);
    long[] timeNanos = Columns.longs(times);
    FloatBuffer featureValues = ByteBuffer.wrap(features).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    FloatBuffer scoreValues = ByteBuffer.wrap(scores).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    List<Sample> samples = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      float[] f = new float[width];
      float[] s = new float[classes];
      featureValues.get(f);
      scoreValues.get(s);
      samples.add(new Sample(key, ids.get(i), timeNanos[i], receivedNanos, traces.get(i), f, s));
    }
    return new SampleBatch(key, windowIndex, receivedNanos, width, classes, samples);
  }
}
