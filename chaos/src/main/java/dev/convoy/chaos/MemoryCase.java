package dev.convoy.chaos;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Memory abuse against a server with a 512 MiB heap while a well-behaved client calls it:
 * concurrent 60 MB requests, 15M empty BYTES elements (and 7M, under the message limit, which
 * the memory budget must catch), and streams that send but never read.
 */
final class MemoryCase {
  private static final int LARGE_REQUESTS = 8;
  private static final int LARGE_FLOATS = 15_000_000;
  private static final int CHANNELS_FOR_STREAMS = 5;
  /**
   * Per never-read stream. The short mode's 100 streams stay under a model's queue (1024): the
   * case is about memory, and requests beyond the queue are refused to everyone alike (the full
   * mode's 500 streams do go beyond it).
   */
  private static final int MESSAGES_PER_STREAM = 10;

  private MemoryCase() {}

  static CaseResult run(Path root, Path repository, int streams, long holdMillis) throws InterruptedException {
    StatusTally abuse = new StatusTally();
    try (Launched server = Launched.server(root, repository, "512m")) {
      // The abuser and the well-behaved client are different clients: each its own connection.
      ManagedChannel abuser = Channels.to(server.port());
      ManagedChannel channel = Channels.to(server.port());
      WellBehaved client = new WellBehaved(channel, 1, 10_000);
      try {
        large(abuser, abuse);
        bytesElements(abuser, abuse, 15_000_000);
        bytesElements(abuser, abuse, 7_000_000);
        neverRead(server.port(), streams, holdMillis, abuse);
      } finally {
        client.close();
        Channels.close(channel);
        Channels.close(abuser);
      }
      boolean alive = server.alive();
      String figures = "  abusive calls:\n" + abuse.describe()
          + "  well-behaved client meanwhile: " + client.describe()
          + (client.lastFailure() == null ? "" : " (last failure " + client.lastFailure() + ")") + "\n"
          + "  server (-Xmx512m) alive: " + alive + ", OutOfMemoryError logged: " + server.ranOutOfMemory() + "\n";
      boolean met = alive && !server.ranOutOfMemory() && client.failures() == 0 && client.calls() > 0;
      return new CaseResult("memory abuse", figures, "no OOM and no failed well-behaved call", met);
    }
  }

  private static void large(ManagedChannel channel, StatusTally abuse) {
    ModelInferRequest request = Requests.typedIdentity("in_fp32", new long[] {LARGE_FLOATS},
        ByteString.copyFrom(new byte[LARGE_FLOATS * Float.BYTES]));
    List<CompletableFuture<Status>> answers = new ArrayList<>();
    for (int i = 0; i < LARGE_REQUESTS; i++) {
      answers.add(unary(channel, request));
    }
    answers.forEach(a -> abuse.count("60MB-request", a.join().getCode()));
  }

  private static void bytesElements(ManagedChannel channel, StatusTally abuse, int count) {
    abuse.count(count / 1_000_000 + "M-empty-BYTES", unary(channel, Requests.emptyBytesElements(count)).join().getCode());
  }

  private static CompletableFuture<Status> unary(ManagedChannel channel, ModelInferRequest request) {
    CompletableFuture<Status> closed = new CompletableFuture<>();
    ClientCall<ModelInferRequest, ModelInferResponse> call = channel.newCall(
        GRPCInferenceServiceGrpc.getModelInferMethod(), CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS));
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onClose(Status status, Metadata trailers) {
        closed.complete(status);
      }
    }, new Metadata());
    call.request(1);
    call.sendMessage(request);
    call.halfClose();
    return closed;
  }

  /** Streams that send requests and never ask for an answer, held open for a while. */
  private static void neverRead(int port, int streams, long holdMillis, StatusTally abuse) throws InterruptedException {
    List<ManagedChannel> channels = new ArrayList<>();
    List<ClientCall<ModelInferRequest, ModelStreamInferResponse>> calls = new ArrayList<>();
    for (int i = 0; i < CHANNELS_FOR_STREAMS; i++) {
      channels.add(Channels.to(port));
    }
    ModelInferRequest request = Requests.digits();
    for (int i = 0; i < streams; i++) {
      ClientCall<ModelInferRequest, ModelStreamInferResponse> call = channels.get(i % channels.size())
          .newCall(GRPCInferenceServiceGrpc.getModelStreamInferMethod(), CallOptions.DEFAULT);
      call.start(new ClientCall.Listener<>() {
        @Override
        public void onClose(Status status, Metadata trailers) {
          abuse.count("never-read-stream", status.getCode());
        }
      }, new Metadata());
      for (int m = 0; m < MESSAGES_PER_STREAM; m++) {
        call.sendMessage(request);
      }
      calls.add(call);
    }
    Thread.sleep(holdMillis);
    calls.forEach(c -> c.cancel("done holding", null));
    for (ManagedChannel channel : channels) {
      Channels.close(channel);
    }
  }
}
