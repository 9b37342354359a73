package dev.convoy.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.RepositoryIndexRequest;
import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.telemetry.testing.SpanCapture;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a router's probe does at a server, traced by an SDK that samples every root: nothing. */
class ProbeTracingTest {
  private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir Path repository;
  private final SpanCapture capture = new SpanCapture();
  private TracedStack stack;
  private ManagedChannel plain;

  @BeforeEach
  void start() {
    SampleModels.copy(repository, "digits_mlp");
    stack = new TracedStack(repository, new OnnxRuntimeBackend(System::nanoTime), capture.openTelemetry());
    plain = ManagedChannelBuilder.forAddress("127.0.0.1", stack.server.port()).usePlaintext().build();
    capture.reset();
  }

  @AfterEach
  void stop() throws InterruptedException {
    plain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    stack.close();
    capture.close();
  }

  @Test
  void healthCheckAndUnsampledIndex_noSpans_whileAnInferenceCallIsTraced() throws Exception {
    Metadata unsampled = new Metadata();
    unsampled.put(TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
    HealthGrpc.newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance());
    GRPCInferenceServiceGrpc.newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(unsampled))
        .repositoryIndex(RepositoryIndexRequest.newBuilder().setReady(false).build());
    GRPCInferenceServiceGrpc.newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS)
        .modelInfer(TracedStack.digits("digits_mlp", "traced"));

    List<SpanData> spans = capture.awaitCount("inference.GRPCInferenceService/ModelInfer", 1, Duration.ofSeconds(10));

    assertThat(spans).extracting(SpanData::getName)
        .noneMatch(name -> name.startsWith("grpc.health"))
        .doesNotContain("inference.GRPCInferenceService/RepositoryIndex");
  }
}
