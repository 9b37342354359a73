package dev.convoy.router.proxy;

import dev.convoy.router.backend.Backend;
import dev.convoy.router.telemetry.CallTrace;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** One request sent to several backends at once; collects every answer, success or not. */
final class FanOut {
  /** One backend's answer; {@code body} is null unless the status is OK. */
  record Reply(Backend backend, Status status, byte[] body) {}

  private final List<ClientCall<byte[], byte[]>> calls = new ArrayList<>();
  private final CompletableFuture<List<Reply>> done = new CompletableFuture<>();

  private FanOut() {}

  /**
   * Sends {@code request} to each backend; the future completes when all have answered. Each
   * call is a CLIENT span, under the router's SERVER span, naming its backend.
   */
  static FanOut send(List<Backend> backends, MethodDescriptor<byte[], byte[]> method, Metadata headers,
      byte[] request, Deadline deadline) {
    FanOut fanOut = new FanOut();
    Reply[] replies = new Reply[backends.size()];
    AtomicInteger pending = new AtomicInteger(backends.size());
    if (backends.isEmpty()) {
      fanOut.done.complete(List.of());
    }
    CallTrace trace = CallTrace.current();
    for (int i = 0; i < backends.size(); i++) {
      int slot = i;
      Backend backend = backends.get(i);
      ClientCall<byte[], byte[]> call = backend.calls().newCall(method,
          trace.fanOut(CallOptions.DEFAULT.withDeadline(deadline), backend));
      fanOut.calls.add(call);
      call.start(new ClientCall.Listener<>() {
        private byte[] body;

        @Override
        public void onMessage(byte[] message) {
          body = message;
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
          replies[slot] = new Reply(backend, status, status.isOk() ? body : null);
          if (pending.decrementAndGet() == 0) {
            fanOut.done.complete(Arrays.asList(replies));
          }
        }
      }, ForwardedHeaders.copy(headers));
      call.request(2);
      call.sendMessage(request);
      call.halfClose();
    }
    return fanOut;
  }

  CompletableFuture<List<Reply>> replies() {
    return done;
  }

  void cancel() {
    calls.forEach(c -> c.cancel("the client cancelled the call", null));
  }
}
