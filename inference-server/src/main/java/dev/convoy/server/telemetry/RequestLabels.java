package dev.convoy.server.telemetry;

import io.grpc.Status;
import io.opentelemetry.api.common.Attributes;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The request metrics' labels of one model version, one set per gRPC status, each built the
 * first time it is needed: answering a request looks its labels up by index, not by hashing
 * strings.
 */
public final class RequestLabels {
  private final Attributes version;
  private final AtomicReferenceArray<Attributes> byStatus =
      new AtomicReferenceArray<>(Status.Code.values().length);

  RequestLabels(String model, String version) {
    this.version = MetricLabels.version(model, version);
  }

  Attributes of(Status.Code status) {
    Attributes labels = byStatus.get(status.ordinal());
    if (labels == null) {
      labels = version.toBuilder().put(MetricLabels.STATUS, status.name()).build();
      byStatus.set(status.ordinal(), labels);
    }
    return labels;
  }
}
