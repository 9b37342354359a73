package dev.convoy.server;

import com.google.protobuf.UnsafeByteOperations;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.model.WarmupPlan;
import dev.convoy.server.repository.ModelEntry;
import dev.convoy.server.repository.ModelManager;
import dev.convoy.server.repository.ModelState;
import dev.convoy.server.tensor.Tensor;
import dev.convoy.server.grpc.WarmupCalls;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a few requests per ready model through the server's own port before it reports ready,
 * so that the first client's request does not pay for the cold parts of the serving path
 * (HTTP/2 and protobuf code not yet compiled, first buffers, first batcher pass) that warming
 * the model alone leaves cold. A failure here is logged and does not stop the server: the
 * models themselves are warm.
 */
final class ServingPathWarmup {
  private static final Logger log = LoggerFactory.getLogger(ServingPathWarmup.class);
  private static final int CALLS_PER_MODEL = 20;
  private static final long DEADLINE_SECONDS = 5;
  private static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

  private ServingPathWarmup() {}

  /**
   * @param host an address the server listens on; a wildcard bind is reached on loopback
   * @param credentials plaintext, or TLS as the server listens with
   */
  static void run(ModelManager models, WarmupCalls marker, String host, int port, ChannelCredentials credentials) {
    String target = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    ManagedChannel channel = NettyChannelBuilder.forAddress(target, port, credentials).build();
    try {
      var stub = GRPCInferenceServiceGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(unsampled(marker.headers())));
      long start = System.nanoTime();
      int warmed = 0;
      for (ModelEntry entry : models.entries()) {
        if (entry.state() == ModelState.READY && entry.spec().isPresent()) {
          warmed += warm(stub, entry.spec().get(), models) ? 1 : 0;
        }
      }
      log.info("serving path warmed: {} models through port {} in {} ms", warmed, port,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } finally {
      channel.shutdownNow();
    }
  }

  private static boolean warm(GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub, ModelSpec spec,
      ModelManager models) {
    // A full batch leaves at once, whatever the queue delay.
    int rows = Math.max(1, spec.maxBatchSize());
    List<WarmupPlan.Run> plan = WarmupPlan.of(spec, models.repository().modelDir(spec.name()),
        new TreeSet<>(List.of(rows)));
    if (plan.isEmpty()) {
      return false;
    }
    ModelInferRequest request = request(spec.name(), plan.get(0).inputs());
    try {
      for (int i = 0; i < CALLS_PER_MODEL; i++) {
        stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).modelInfer(request);
      }
      return true;
    } catch (StatusRuntimeException e) {
      log.warn("model '{}': a warm-up request through the server failed: {}", spec.name(), e.getStatus());
      return false;
    }
  }

  /** Adds a W3C trace context that is not sampled, so tracing leaves the warm-up calls out. */
  private static Metadata unsampled(Metadata headers) {
    headers.put(TRACEPARENT, "00-" + "0".repeat(31) + "1-" + "0".repeat(15) + "1-00");
    return headers;
  }

  private static ModelInferRequest request(String model, List<Tensor> inputs) {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model).setId("warmup");
    for (Tensor input : inputs) {
      var tensor = request.addInputsBuilder().setName(input.name()).setDatatype(input.type().protocolName());
      for (long dim : input.shape()) {
        tensor.addShape(dim);
      }
      request.addRawInputContents(UnsafeByteOperations.unsafeWrap(input.dataView()));
    }
    return request.build();
  }
}
