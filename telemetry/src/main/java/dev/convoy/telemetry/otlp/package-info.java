/**
 * OTLP over gRPC sent with grpc-java, which every Convoy service already carries, instead of
 * the OkHttp sender the OTLP exporter would otherwise pull in (OkHttp, Okio, Kotlin). Found by
 * the exporter through {@code ServiceLoader}; OTLP over HTTP uses the JDK's HTTP client.
 */
package dev.convoy.telemetry.otlp;
