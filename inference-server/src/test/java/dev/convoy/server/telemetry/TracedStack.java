package dev.convoy.server.telemetry;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.telemetry.GrpcTracing;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The hops a traced inference request crosses, each a real Netty server on an ephemeral
 * loopback port: a client whose channel is traced, then the inference server. When the router
 * exists, its hop goes between the two: start it with the same OpenTelemetry in front of
 * {@link #server} and point {@link #traced} at it; the assertions then gain its SERVER and
 * CLIENT spans between the client's span and the server's.
 */
final class TracedStack implements AutoCloseable {
  final InferenceServer server;
  private final ManagedChannel channel;
  private final Channel traced;

  TracedStack(Path repository, ModelBackend backend, OpenTelemetry openTelemetry) {
    server = InferenceServer.start(ServerOptions.loopback(repository), backend, Clock.systemUTC(), openTelemetry);
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    traced = GrpcTracing.create(openTelemetry).traced(channel);
  }

  GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub() {
    return GRPCInferenceServiceGrpc.newBlockingStub(traced).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub futureStub() {
    return GRPCInferenceServiceGrpc.newFutureStub(traced).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  /** A one-row, all-zero digits request for {@code model}. */
  static ModelInferRequest digits(String model, String id) {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model).setId(id);
    request.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64);
    request.addOutputsBuilder().setName("logits");
    return request.addRawInputContents(ByteString.copyFrom(new byte[64 * Float.BYTES])).build();
  }
}
