package dev.convoy.monitor.grpc;

import dev.convoy.monitor.engine.MonitorEngine;
import dev.convoy.monitor.store.LabelTable;
import dev.convoy.monitor.telemetry.MonitorMetrics;
import dev.convoy.proto.monitor.v1.IngestAck;
import dev.convoy.proto.monitor.v1.IngestRequest;
import dev.convoy.proto.monitor.v1.Label;
import dev.convoy.proto.monitor.v1.MonitorIngestGrpc;
import dev.convoy.proto.monitor.v1.SubmitLabelsRequest;
import dev.convoy.proto.monitor.v1.SubmitLabelsResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/** MonitorIngest: see monitor.proto for the acknowledgement and flow-control contract. */
public final class IngestService extends MonitorIngestGrpc.MonitorIngestImplBase {
  static final int MAX_LABELS = 10_000;
  private static final int MAX_ID = 256;

  private final MonitorEngine engine;
  private final MonitorMetrics metrics;

  public IngestService(MonitorEngine engine, MonitorMetrics metrics) {
    this.engine = engine;
    this.metrics = metrics;
  }

  @Override
  public StreamObserver<IngestRequest> ingest(StreamObserver<IngestAck> responses) {
    return new IngestCall(engine, (ServerCallStreamObserver<IngestAck>) responses, metrics);
  }

  @Override
  public void submitLabels(SubmitLabelsRequest request, StreamObserver<SubmitLabelsResponse> responses) {
    if (request.getLabelsCount() > MAX_LABELS) {
      responses.onError(Status.RESOURCE_EXHAUSTED.withDescription("labels: " + request.getLabelsCount()
          + " in one call, the limit is " + MAX_LABELS).asRuntimeException());
      return;
    }
    List<LabelTable.Incoming> labels = new ArrayList<>();
    for (int i = 0; i < request.getLabelsCount(); i++) {
      Label label = request.getLabels(i);
      if (label.getRequestId().isEmpty() || label.getRequestId().length() > MAX_ID) {
        responses.onError(StatusMapper.invalid("labels[" + i + "].request_id: must be 1.." + MAX_ID + " characters"));
        return;
      }
      if (label.getLabel() < 0) {
        responses.onError(StatusMapper.invalid("labels[" + i + "].label: must not be negative, got "
            + label.getLabel()));
        return;
      }
      labels.add(new LabelTable.Incoming(label.getRequestId(), label.getLabel(), label.getModelName()));
    }
    engine.labels(labels).whenComplete((outcome, error) -> {
      if (error != null) {
        responses.onError(StatusMapper.toStatus(error));
        return;
      }
      metrics.labels(outcome);
      responses.onNext(SubmitLabelsResponse.newBuilder().setJoined(outcome.joined()).setUnknown(outcome.unknown())
          .setLate(outcome.late()).setDuplicates(outcome.duplicates()).build());
      responses.onCompleted();
    });
  }
}
