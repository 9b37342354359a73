package dev.convoy.batch.job;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelInferResponse;
import dev.convoy.proto.inference.ModelStreamInferResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends chunks' requests over a few long-lived ModelStreamInfer streams, round robin, and
 * matches each answer to its chunk by the request id (a fresh one per attempt, so a late
 * answer to an abandoned attempt is recognised and dropped). A stream that fails fails the
 * attempts it carried and is replaced on the next send. Each attempt has a deadline: with no
 * answer by then it fails with DEADLINE_EXCEEDED.
 */
final class StreamSender implements AutoCloseable {
  /** What happens to an attempt. Called on gRPC or timer threads. */
  interface Outcomes {
    void answered(Chunk chunk, ModelInferResponse response);

    void failed(Chunk chunk, Status.Code code, String message);
  }

  private record Attempt(Chunk chunk, Stream stream, ScheduledFuture<?> deadline) {}

  private final GRPCInferenceServiceGrpc.GRPCInferenceServiceStub stub;
  private final Stream[] streams;
  private final Duration deadline;
  private final ScheduledExecutorService timer;
  private final Outcomes outcomes;
  private final Map<String, Attempt> outstanding = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong turns = new AtomicLong();

  StreamSender(Channel channel, int streams, Duration deadline, ScheduledExecutorService timer, Outcomes outcomes) {
    this.stub = GRPCInferenceServiceGrpc.newStub(channel);
    this.streams = new Stream[streams];
    this.deadline = deadline;
    this.timer = timer;
    this.outcomes = outcomes;
  }

  /** Starts an attempt of {@code chunk}. */
  void send(Chunk chunk) {
    chunk.startAttempt();
    String id = Long.toString(ids.incrementAndGet());
    Stream stream = stream();
    ScheduledFuture<?> expiry = timer.schedule(() -> expire(id), deadline.toNanos(), TimeUnit.NANOSECONDS);
    outstanding.put(id, new Attempt(chunk, stream, expiry));
    stream.send(chunk.request().toBuilder().setId(id).build());
    if (stream.broken) {
      // It broke while this attempt was being sent: fail it now rather than at its deadline.
      failAll(stream, Status.UNAVAILABLE.withDescription("the stream broke"));
    }
  }

  private synchronized Stream stream() {
    int slot = (int) Math.floorMod(turns.getAndIncrement(), (long) streams.length);
    if (streams[slot] == null || streams[slot].broken) {
      streams[slot] = new Stream();
    }
    return streams[slot];
  }

  private void expire(String id) {
    Attempt attempt = outstanding.remove(id);
    if (attempt != null) {
      outcomes.failed(attempt.chunk(), Status.Code.DEADLINE_EXCEEDED, "no answer within " + deadline);
    }
  }

  private void answered(ModelStreamInferResponse response) {
    Attempt attempt = outstanding.remove(response.getInferResponse().getId());
    if (attempt == null) {
      return;
    }
    attempt.deadline().cancel(false);
    if (response.getErrorMessage().isEmpty()) {
      outcomes.answered(attempt.chunk(), response.getInferResponse());
    } else {
      outcomes.failed(attempt.chunk(), codeOf(response.getErrorMessage()), response.getErrorMessage());
    }
  }

  /** The status code an error_message starts with ("<CODE>: <description>", as the .proto defines). */
  static Status.Code codeOf(String errorMessage) {
    int colon = errorMessage.indexOf(':');
    try {
      return colon < 0 ? Status.Code.UNKNOWN : Status.Code.valueOf(errorMessage.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return Status.Code.UNKNOWN;
    }
  }

  /**
   * Fails the attempts a broken stream carried. Whatever the stream's status, the requests
   * themselves were not refused, so they fail as UNAVAILABLE (retried), except for
   * RESOURCE_EXHAUSTED (a message over a size limit, which may be the request's own doing).
   */
  private void failAll(Stream stream, Status status) {
    Status.Code code = status.getCode() == Status.Code.RESOURCE_EXHAUSTED ? status.getCode() : Status.Code.UNAVAILABLE;
    String message = code + ": the stream failed with " + status.getCode()
        + (status.getDescription() == null ? "" : ": " + status.getDescription());
    outstanding.forEach((id, attempt) -> {
      if (attempt.stream() == stream && outstanding.remove(id, attempt)) {
        attempt.deadline().cancel(false);
        outcomes.failed(attempt.chunk(), code, message);
      }
    });
  }

  @Override
  public synchronized void close() {
    for (Stream stream : streams) {
      if (stream != null) {
        stream.close();
      }
    }
  }

  /** One stream; sends are serialised, as a call's requests must be. */
  private final class Stream implements StreamObserver<ModelStreamInferResponse> {
    private final StreamObserver<ModelInferRequest> requests;
    private volatile boolean broken;
    private boolean closed; // guarded by this

    Stream() {
      requests = stub.modelStreamInfer(this);
    }

    synchronized void send(ModelInferRequest request) {
      if (!closed) {
        requests.onNext(request);
      }
    }

    synchronized void close() {
      if (!closed && !broken) {
        closed = true;
        requests.onCompleted();
      }
    }

    @Override
    public void onNext(ModelStreamInferResponse response) {
      answered(response);
    }

    @Override
    public void onError(Throwable t) {
      broken = true;
      failAll(this, Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      broken = true;
      failAll(this, Status.UNAVAILABLE.withDescription("the server ended the stream"));
    }
  }
}
