package dev.convoy.server.sampling;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.InferTensorContents;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.monitor.v1.Sample;
import dev.convoy.server.model.ModelSpec;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns one answered request into monitor samples, one per row: the first input's row as
 * features, the score output's row as scores. FP32 tensors only (raw or typed contents); a
 * request with anything else yields no samples. Rows of a multi-row request are identified as
 * {@code <id>/<row>}; a request without an id gets a random one.
 */
final class SampleEncoder {
  private SampleEncoder() {
  }

  static List<Sample> encode(Sampled sampled) {
    ModelInferRequest request = sampled.request();
    ModelInferResponse response = sampled.response();
    if (request.getInputsCount() == 0 || !"FP32".equals(request.getInputs(0).getDatatype())) {
      return List.of();
    }
    float[] features = floats(request.getInputs(0).getContents(),
        request.getRawInputContentsCount() > 0 ? request.getRawInputContents(0) : null);
    float[] scores = scores(sampled.spec(), response);
    int rows = sampled.spec().batched() && request.getInputs(0).getShapeCount() > 0
        ? (int) request.getInputs(0).getShape(0) : 1;
    if (rows <= 0 || features.length % rows != 0 || (scores.length > 0 && scores.length % rows != 0)) {
      return List.of();
    }
    int width = features.length / rows;
    int classes = scores.length / rows;
    String id = request.getId().isEmpty() ? UUID.randomUUID().toString() : request.getId();
    List<Sample> samples = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      Sample.Builder sample = Sample.newBuilder()
          .setModelName(sampled.spec().name())
          .setModelVersion(Long.toString(sampled.version()))
          .setRequestId(rows == 1 ? id : id + "/" + r)
          .setTimeUnixNanos(sampled.timeUnixNanos())
          .setTraceId(sampled.traceId());
      for (int i = 0; i < width; i++) {
        sample.addFeatures(features[r * width + i]);
      }
      for (int i = 0; i < classes; i++) {
        sample.addScores(scores[r * classes + i]);
      }
      samples.add(sample.build());
    }
    return samples;
  }

  private static float[] scores(ModelSpec spec, ModelInferResponse response) {
    String wanted = spec.backendParameters().getOrDefault(SamplingPolicy.SCORES_PARAMETER, SamplingPolicy.DEFAULT_SCORES);
    for (int i = 0; i < response.getOutputsCount(); i++) {
      if (response.getOutputs(i).getName().equals(wanted) && "FP32".equals(response.getOutputs(i).getDatatype())) {
        return floats(response.getOutputs(i).getContents(),
            response.getRawOutputContentsCount() > i ? response.getRawOutputContents(i) : null);
      }
    }
    return new float[0];
  }

  private static float[] floats(InferTensorContents typed, ByteString raw) {
    if (raw == null) {
      float[] values = new float[typed.getFp32ContentsCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = typed.getFp32Contents(i);
      }
      return values;
    }
    FloatBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[] values = new float[buffer.remaining()];
    buffer.get(values);
    return values;
  }
}
