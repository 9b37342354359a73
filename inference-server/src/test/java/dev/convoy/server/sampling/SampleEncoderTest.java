package dev.convoy.server.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.convoy.proto.inference.InferTensorContents;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.monitor.v1.IngestRequest;
import dev.convoy.proto.monitor.v1.Sample;
import dev.convoy.server.model.ModelConfigParser;
import dev.convoy.server.model.ModelSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoder writes samples' wire bytes by hand; each case parses them back and compares them
 * with the message protobuf's own builder makes of the same values.
 */
class SampleEncoderTest {
  private static final ModelSpec MODEL = ModelConfigParser.parse("digits", """
      name: "digits"
      platform: "onnxruntime_onnx"
      max_batch_size: 8
      input [ { name: "input" data_type: TYPE_FP32 dims: [ 3 ] } ]
      output [
        { name: "logits" data_type: TYPE_FP32 dims: [ 2 ] },
        { name: "probabilities" data_type: TYPE_FP32 dims: [ 2 ] }
      ]
      """);
  private static final long TIME = 1_764_000_000_123_456_789L;
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  @Test
  void encode_oneRawRow_isTheBuildersSample() throws Exception {
    ModelInferRequest request = request("r-1", new float[] {1.5f, -0f, Float.NaN}, 1);
    ModelInferResponse response = response(new float[] {0.25f, 0.75f});

    List<ByteString> encoded = encode(3, request, response, TRACE, TIME);

    Sample expected = Sample.newBuilder().setModelName("digits").setModelVersion("3").setRequestId("r-1")
        .setTimeUnixNanos(TIME).setTraceId(TRACE).addFeatures(1.5f).addFeatures(-0f).addFeatures(Float.NaN)
        .addScores(0.25f).addScores(0.75f).build();
    assertThat(parse(encoded)).containsExactly(expected);
    assertThat(concat(encoded)).isEqualTo(IngestRequest.newBuilder().addSamples(expected).build().toByteString());
  }

  @Test
  void encode_rowsOfABatch_eachItsSliceAndNumberedId() throws Exception {
    ModelInferRequest request = request("b", new float[] {1, 2, 3, 4, 5, 6}, 2);
    ModelInferResponse response = response(new float[] {0.1f, 0.9f, 0.8f, 0.2f});

    List<Sample> samples = parse(encode(1, request, response, "", 0));

    assertThat(samples).extracting(Sample::getRequestId).containsExactly("b/0", "b/1");
    assertThat(samples.get(1).getFeaturesList()).containsExactly(4f, 5f, 6f);
    assertThat(samples.get(1).getScoresList()).containsExactly(0.8f, 0.2f);
    assertThat(samples.get(0).getTimeUnixNanos()).isZero();
    assertThat(samples.get(0).getTraceId()).isEmpty();
  }

  @Test
  void encode_typedContents_readAsFloats() throws Exception {
    ModelInferRequest request = ModelInferRequest.newBuilder().setModelName("digits")
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("FP32")
            .addShape(1).addShape(3)
            .setContents(InferTensorContents.newBuilder().addFp32Contents(7).addFp32Contents(8).addFp32Contents(9)))
        .build();
    ModelInferResponse response = ModelInferResponse.newBuilder()
        .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("probabilities").setDatatype("FP32")
            .setContents(InferTensorContents.newBuilder().addFp32Contents(0.5f).addFp32Contents(0.5f)))
        .build();

    List<Sample> samples = parse(encode(1, request, response, "", TIME));

    assertThat(samples).singleElement().satisfies(sample -> {
      assertThat(sample.getFeaturesList()).containsExactly(7f, 8f, 9f);
      assertThat(sample.getScoresList()).containsExactly(0.5f, 0.5f);
      assertThat(sample.getRequestId()).isEqualTo("fresh");
    });
  }

  @Test
  void encode_withoutTheScoreOutput_featuresOnly() throws Exception {
    ModelInferRequest request = request("x", new float[] {1, 2, 3}, 1);
    ModelInferResponse response = ModelInferResponse.getDefaultInstance();

    List<Sample> samples = parse(encode(1, request, response, "", TIME));

    assertThat(samples).singleElement().satisfies(sample -> {
      assertThat(sample.getFeaturesList()).containsExactly(1f, 2f, 3f);
      assertThat(sample.getScoresList()).isEmpty();
    });
  }

  @Test
  void encode_notFp32OrRowsNotDividing_nothing() {
    ModelInferRequest int32 = request("i", new float[] {1, 2, 3}, 1).toBuilder()
        .setInputs(0, request("i", new float[] {1, 2, 3}, 1).getInputs(0).toBuilder().setDatatype("INT32")).build();
    ModelInferRequest ragged = request("r", new float[] {1, 2, 3, 4}, 3);

    assertThat(encode(1, int32, response(new float[2]), "", 0)).isEmpty();
    assertThat(encode(1, ragged, response(new float[3]), "", 0)).isEmpty();
  }

  private static List<ByteString> encode(long version, ModelInferRequest request, ModelInferResponse response,
      String traceId, long time) {
    return SampleEncoder.encode(new Sampled(MODEL, version, request, response, traceId, time, "probabilities"),
        () -> "fresh");
  }

  private static ModelInferRequest request(String id, float[] features, int rows) {
    return ModelInferRequest.newBuilder().setModelName("digits").setId(id)
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("FP32")
            .addShape(rows).addShape(features.length / rows))
        .addRawInputContents(littleEndian(features))
        .build();
  }

  private static ModelInferResponse response(float[] probabilities) {
    return ModelInferResponse.newBuilder()
        .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("logits").setDatatype("FP32"))
        .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName("probabilities").setDatatype("FP32"))
        .addRawOutputContents(littleEndian(new float[probabilities.length]))
        .addRawOutputContents(littleEndian(probabilities))
        .build();
  }

  private static ByteString littleEndian(float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : values) {
      bytes.putFloat(value);
    }
    return ByteString.copyFrom(bytes.array());
  }

  private static ByteString concat(List<ByteString> entries) {
    return ByteString.copyFrom(entries);
  }

  /** The entries as the monitor reads them: the samples field of one IngestRequest. */
  private static List<Sample> parse(List<ByteString> entries) throws InvalidProtocolBufferException {
    return IngestRequest.parseFrom(concat(entries)).getSamplesList();
  }
}
