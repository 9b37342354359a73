package dev.convoy.telemetry.otlp;

import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;

/** The OTLP exporters' gRPC sender SPI, answered with {@link GrpcJavaSender}. */
public final class GrpcJavaSenderProvider implements GrpcSenderProvider {
  @Override
  public GrpcSender createSender(GrpcSenderConfig config) {
    return new GrpcJavaSender(config);
  }
}
