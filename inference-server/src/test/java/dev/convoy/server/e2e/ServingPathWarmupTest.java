package dev.convoy.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.server.InterceptedOnnxBackend;
import dev.convoy.server.SampleModels;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server warms its own serving path before it reports ready, and counts none of it. */
class ServingPathWarmupTest {
  @TempDir Path repository;

  @Test
  void start_warmsThroughItsPort_statisticsStillEmpty() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    AtomicInteger rows = new AtomicInteger();
    InterceptedOnnxBackend backend = new InterceptedOnnxBackend(inputs -> rows.addAndGet((int) inputs.get(0).dim(0)));
    try (LoopbackServer loopback = new LoopbackServer(repository, backend)) {
      // The model's own warm-up runs 1 and 128 rows once; the rest came through the port.
      assertThat(rows.get()).isGreaterThan(1 + 128);

      assertThat(statistics(loopback).getInferenceCount()).isZero();
      assertThat(statistics(loopback).getExecutionCount()).isZero();
    }
  }

  @Test
  void infer_clientClaimsToBeWarmup_isCountedAsAnyClient() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    try (LoopbackServer loopback = new LoopbackServer(repository)) {
      Metadata forged = new Metadata();
      forged.put(Metadata.Key.of("convoy-warmup", Metadata.ASCII_STRING_MARSHALLER), "0".repeat(32));
      ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("digits_mlp");
      request.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64);
      request.addRawInputContents(ByteString.copyFrom(new byte[64 * Float.BYTES]));
      loopback.stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(forged)).modelInfer(request.build());

      assertThat(statistics(loopback).getInferenceCount()).isEqualTo(1);
    }
  }

  private static ModelStatistics statistics(LoopbackServer loopback) {
    return loopback.stub().modelStatistics(ModelStatisticsRequest.newBuilder().setName("digits_mlp").build())
        .getModelStats(0);
  }
}
