package dev.convoy.router.proxy;

import dev.convoy.router.backend.Backend;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A method sent to every healthy backend, whose answers are merged: RepositoryIndex,
 * ModelStatistics, RepositoryModelLoad, RepositoryModelUnload.
 *
 * <p>How replies combine into one status:
 * <ul>
 *   <li>lenient (index, statistics): OK if any backend answered OK (backends that failed
 *       are left out of the merge); otherwise the first failure other than NOT_FOUND, or
 *       NOT_FOUND when every backend said so.
 *   <li>strict (load, unload): the first failure other than NOT_FOUND if there is one (a
 *       backend that does not have the model in its repository answers NOT_FOUND and is
 *       skipped); otherwise OK if any backend answered OK, or NOT_FOUND.
 * </ul>
 * Failures name the backend that gave them. Without healthy backends: UNAVAILABLE. The
 * client's deadline applies, or the router's fan-out timeout when it set none. A strict
 * method re-reads every backend's state before answering, so a model just loaded is
 * routable as soon as the call returns.
 */
final class FanOutHandler extends BufferedUnaryHandler {
  private final Routing routing;
  private final MethodDescriptor<byte[], byte[]> method;
  private final boolean strict;
  private final Function<List<byte[]>, byte[]> merge;

  /** @param merge combines the OK answers' bodies into one */
  FanOutHandler(Routing routing, MethodDescriptor<byte[], byte[]> method, boolean strict,
      Function<List<byte[]>, byte[]> merge) {
    super(method.getBareMethodName());
    this.routing = routing;
    this.method = method;
    this.strict = strict;
    this.merge = merge;
  }

  @Override
  Runnable handle(ServerCall<byte[], byte[]> call, Metadata headers, byte[] request, Deadline deadline) {
    List<Backend> backends = routing.registry().healthy();
    if (backends.isEmpty()) {
      return reject(call, RoutingErrors.noHealthyBackend(methodName()));
    }
    Deadline effective = deadline != null ? deadline
        : Deadline.after(routing.fanOutTimeout().toNanos(), TimeUnit.NANOSECONDS);
    FanOut fanOut = FanOut.send(backends, method, headers, request, effective);
    fanOut.replies()
        .thenCompose(replies -> strict ? routing.refresh().get().thenApply(v -> replies)
            : CompletableFuture.completedFuture(replies))
        .whenComplete((replies, failure) -> answer(call, replies, failure));
    return fanOut::cancel;
  }

  private void answer(ServerCall<byte[], byte[]> call, List<FanOut.Reply> replies, Throwable failure) {
    synchronized (call) {
      if (call.isCancelled()) {
        return;
      }
      if (failure != null) {
        call.close(Status.INTERNAL.withDescription(methodName() + ": " + failure).withCause(failure), new Metadata());
        return;
      }
      Status status = decide(replies, strict);
      if (!status.isOk()) {
        call.close(status, new Metadata());
        return;
      }
      byte[] body;
      try {
        body = merge.apply(replies.stream().filter(r -> r.status().isOk()).map(FanOut.Reply::body).toList());
      } catch (RuntimeException e) {
        call.close(Status.INTERNAL.withDescription(methodName() + ": cannot merge the backends' answers: " + e)
            .withCause(e), new Metadata());
        return;
      }
      call.sendHeaders(new Metadata());
      call.sendMessage(body);
      call.close(Status.OK, new Metadata());
    }
  }

  /** The status the client gets; OK means "merge the OK replies". */
  static Status decide(List<FanOut.Reply> replies, boolean strict) {
    FanOut.Reply firstFailure = null;
    boolean anyOk = false;
    for (FanOut.Reply reply : replies) {
      Status.Code code = reply.status().getCode();
      anyOk |= code == Status.Code.OK;
      if (firstFailure == null && code != Status.Code.OK && code != Status.Code.NOT_FOUND) {
        firstFailure = reply;
      }
    }
    if (firstFailure != null && (strict || !anyOk)) {
      return named(firstFailure);
    }
    if (anyOk) {
      return Status.OK;
    }
    return named(replies.get(0));
  }

  private static Status named(FanOut.Reply reply) {
    Status status = reply.status();
    String description = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
    return status.withDescription("backend " + reply.backend().address() + ": " + description);
  }
}
