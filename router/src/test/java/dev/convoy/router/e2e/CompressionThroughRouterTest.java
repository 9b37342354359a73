package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.InferTensorContents;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ServerMetadataRequest;
import dev.convoy.transport.Compression;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What a Triton client sends works through the router over real Netty: gzip and deflate
 * compressed requests, typed contents answered raw, the extensions in ServerMetadata.
 */
class CompressionThroughRouterTest {
  @TempDir
  static Path repositories;
  private static Servers.Loopback server;
  private static RouterUnderTest router;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    server = new Servers.Loopback(Servers.repository(repositories.resolve("compressed"), "digits_mlp"));
    router = new RouterUnderTest("backend = " + server.address() + ",kind=CPU,weight=1\n");
    channel = NettyChannelBuilder.forAddress("127.0.0.1", router.router.port()).usePlaintext()
        .compressorRegistry(Compression.compressors()).decompressorRegistry(Compression.decompressors()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    router.close();
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate"})
  void modelInfer_compressedRequest_sameAnswerAsUncompressed(String encoding) {
    ModelInferResponse plain = router.stub().modelInfer(Requests.digitsMlp());
    ModelInferResponse compressed = GRPCInferenceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(20, TimeUnit.SECONDS).withCompression(encoding).modelInfer(Requests.digitsMlp());
    assertThat(compressed).isEqualTo(plain);
  }

  @Test
  void modelInfer_typedContents_answeredInRawOutputContents() {
    ModelInferRequest.Builder typed = ModelInferRequest.newBuilder().setModelName("digits_mlp");
    InferTensorContents.Builder pixels = InferTensorContents.newBuilder();
    for (int i = 0; i < 64; i++) {
      pixels.addFp32Contents((i % 17) * 0.5f);
    }
    typed.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64).setContents(pixels);
    ModelInferResponse answer = router.stub().modelInfer(typed.build());
    assertThat(answer.getRawOutputContentsList()).isEqualTo(router.stub().modelInfer(Requests.digitsMlp())
        .getRawOutputContentsList());
    assertThat(answer.getOutputsList()).allSatisfy(o -> assertThat(o.hasContents()).isFalse());
  }

  @Test
  void serverMetadata_listsTritonExtensionNames() {
    assertThat(router.stub().serverMetadata(ServerMetadataRequest.getDefaultInstance()).getExtensionsList())
        .contains("classification", "model_repository", "schedule_policy", "statistics", "model_configuration");
  }
}
