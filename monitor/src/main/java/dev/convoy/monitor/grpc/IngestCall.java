package dev.convoy.monitor.grpc;

import dev.convoy.monitor.engine.IngestResult;
import dev.convoy.monitor.engine.MonitorEngine;
import dev.convoy.monitor.telemetry.MonitorMetrics;
import dev.convoy.proto.monitor.v1.IngestAck;
import dev.convoy.proto.monitor.v1.IngestRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * One Ingest stream. The monitor asks gRPC for {@link #WINDOW} requests up front and for one
 * more as each is acknowledged, so at most that many batches are buffered per stream. Acks
 * go out in request order: the core commits batches in the order they were given.
 */
final class IngestCall implements StreamObserver<IngestRequest> {
  static final int WINDOW = 4;
  static final int MAX_SAMPLES = 4096;

  private final MonitorEngine engine;
  private final ServerCallStreamObserver<IngestAck> responses;
  private final MonitorMetrics metrics;
  private final Object lock = new Object();
  private long lastSequence = -1;
  private int pending; // guarded by lock
  private boolean halfClosed; // guarded by lock
  private boolean finished; // guarded by lock

  IngestCall(MonitorEngine engine, ServerCallStreamObserver<IngestAck> responses, MonitorMetrics metrics) {
    this.engine = engine;
    this.responses = responses;
    this.metrics = metrics;
    responses.setOnCancelHandler(() -> {
      synchronized (lock) {
        finished = true;
      }
    });
    responses.disableAutoRequest();
    responses.request(WINDOW);
  }

  @Override
  public void onNext(IngestRequest request) {
    if (request.getSamplesCount() > MAX_SAMPLES) {
      fail(Status.RESOURCE_EXHAUSTED.withDescription("samples: " + request.getSamplesCount()
          + " in one request, the limit is " + MAX_SAMPLES).asRuntimeException());
      return;
    }
    if (lastSequence >= 0 && Long.compareUnsigned(request.getSequence(), lastSequence) <= 0) {
      fail(StatusMapper.invalid("sequence: " + Long.toUnsignedString(request.getSequence())
          + " is not above the previous " + Long.toUnsignedString(lastSequence)));
      return;
    }
    lastSequence = request.getSequence();
    synchronized (lock) {
      pending++;
    }
    engine.ingest(request.getSamplesList()).whenComplete((result, error) -> {
      if (error != null) {
        fail(StatusMapper.toStatus(error));
      } else {
        acknowledge(request.getSequence(), result);
      }
    });
  }

  private void acknowledge(long sequence, IngestResult result) {
    metrics.samples(result);
    synchronized (lock) {
      pending--;
      if (finished) {
        return;
      }
      responses.onNext(IngestAck.newBuilder()
          .setSequence(sequence)
          .setAccepted(result.accepted())
          .setDuplicates(result.duplicates())
          .setRejected(result.rejected())
          .addAllRejectReasons(result.rejectReasons())
          .build());
      responses.request(1);
      finishIfDone();
    }
  }

  private void fail(RuntimeException status) {
    synchronized (lock) {
      if (!finished) {
        finished = true;
        responses.onError(status);
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    synchronized (lock) {
      finished = true;
    }
  }

  @Override
  public void onCompleted() {
    synchronized (lock) {
      halfClosed = true;
      finishIfDone();
    }
  }

  private void finishIfDone() {
    if (halfClosed && pending == 0 && !finished) {
      finished = true;
      responses.onCompleted();
    }
  }
}
