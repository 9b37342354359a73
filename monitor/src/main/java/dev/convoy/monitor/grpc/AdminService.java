package dev.convoy.monitor.grpc;

import dev.convoy.monitor.alert.AlertBroadcaster;
import dev.convoy.monitor.engine.MonitorEngine;
import dev.convoy.monitor.reference.ReferenceProfile;
import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.proto.monitor.v1.Alert;
import dev.convoy.proto.monitor.v1.FreezeReferenceRequest;
import dev.convoy.proto.monitor.v1.GetReferenceRequest;
import dev.convoy.proto.monitor.v1.MonitorAdminGrpc;
import dev.convoy.proto.monitor.v1.QueryReportsRequest;
import dev.convoy.proto.monitor.v1.QueryReportsResponse;
import dev.convoy.proto.monitor.v1.ReferenceSummary;
import dev.convoy.proto.monitor.v1.UploadReferenceRequest;
import dev.convoy.proto.monitor.v1.WatchAlertsRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** MonitorAdmin: references, window reports and the alert stream. */
public final class AdminService extends MonitorAdminGrpc.MonitorAdminImplBase {
  private static final int DEFAULT_REPORTS = 100;
  private static final int MAX_REPORTS = 10_000;

  private final MonitorEngine engine;
  private final AlertBroadcaster broadcaster;
  private final Executor reads;

  /** @param reads where database reads run, off the writer thread and the network threads */
  public AdminService(MonitorEngine engine, AlertBroadcaster broadcaster, Executor reads) {
    this.engine = engine;
    this.broadcaster = broadcaster;
    this.reads = reads;
  }

  @Override
  public void uploadReference(UploadReferenceRequest request, StreamObserver<ReferenceSummary> responses) {
    if (!validKey(request.getModelName(), request.getModelVersion(), responses)) {
      return;
    }
    answer(engine.upload(request).thenApply(AdminService::summary), responses);
  }

  @Override
  public void freezeReference(FreezeReferenceRequest request, StreamObserver<ReferenceSummary> responses) {
    if (!validKey(request.getModelName(), request.getModelVersion(), responses)) {
      return;
    }
    if (request.getSampleCount() < 2) {
      responses.onError(StatusMapper.invalid("sample_count: must be at least 2, got " + request.getSampleCount()));
      return;
    }
    ModelKey key = new ModelKey(request.getModelName(), request.getModelVersion());
    answer(engine.freeze(key, request.getSampleCount()).thenApply(AdminService::summary), responses);
  }

  @Override
  public void getReference(GetReferenceRequest request, StreamObserver<ReferenceSummary> responses) {
    ModelKey key = new ModelKey(request.getModelName(), request.getModelVersion());
    engine.reference(key).ifPresentOrElse(profile -> {
      responses.onNext(summary(profile));
      responses.onCompleted();
    }, () -> responses.onError(Status.NOT_FOUND.withDescription("no reference for model "
        + StatusMapper.bounded(key.toString())).asRuntimeException()));
  }

  @Override
  public void queryReports(QueryReportsRequest request, StreamObserver<QueryReportsResponse> responses) {
    if (request.getModelName().isEmpty()) {
      responses.onError(StatusMapper.invalid("model_name: must not be empty"));
      return;
    }
    int limit = request.getLimit() == 0 ? DEFAULT_REPORTS : (int) Math.min(request.getLimit(), MAX_REPORTS);
    answer(CompletableFuture.supplyAsync(() -> QueryReportsResponse.newBuilder()
        .addAllReports(engine.store().reports(request.getModelName(), request.getModelVersion(),
            request.getSinceUnixNanos(), request.getUntilUnixNanos(), limit))
        .build(), reads), responses);
  }

  @Override
  public void watchAlerts(WatchAlertsRequest request, StreamObserver<Alert> responses) {
    AlertWatch watch = new AlertWatch((ServerCallStreamObserver<Alert>) responses, request.getModelName());
    if (request.getIncludeActive()) {
      engine.activeAlerts().forEach(watch::accept);
    }
    watch.attach(broadcaster.subscribe(watch));
  }

  private static boolean validKey(String model, String version, StreamObserver<?> responses) {
    if (model.isEmpty() || model.length() > 256) {
      responses.onError(StatusMapper.invalid("model_name: must be 1..256 characters"));
      return false;
    }
    if (version.isEmpty() || version.length() > 64) {
      responses.onError(StatusMapper.invalid("model_version: must be 1..64 characters"));
      return false;
    }
    return true;
  }

  private static <T> void answer(CompletableFuture<T> future, StreamObserver<T> responses) {
    future.whenComplete((value, error) -> {
      if (error != null) {
        responses.onError(StatusMapper.toStatus(error));
      } else {
        responses.onNext(value);
        responses.onCompleted();
      }
    });
  }

  static ReferenceSummary summary(ReferenceProfile profile) {
    long calibration = profile.calibration().rows();
    return ReferenceSummary.newBuilder()
        .setModelName(profile.key().model())
        .setModelVersion(profile.key().version())
        .setRows(profile.rows().size())
        .addAllFeatureNames(profile.featureNames())
        .setClasses(profile.classes())
        .setSource(profile.source())
        .setCreatedUnixNanos(profile.createdNanos())
        .setCalibrationRows((int) calibration)
        .build();
  }
}
