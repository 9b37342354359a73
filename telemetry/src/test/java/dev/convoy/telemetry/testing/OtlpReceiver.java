package dev.convoy.telemetry.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A minimal OTLP trace collector on loopback ports: {@code TraceService/Export} over gRPC and
 * {@code POST /v1/traces} (binary protobuf) over HTTP. Keeps every request it receives.
 */
public final class OtlpReceiver implements AutoCloseable {
  private final List<ExportTraceServiceRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> httpContentTypes = new CopyOnWriteArrayList<>();
  private final List<Metadata> grpcHeaders = new CopyOnWriteArrayList<>();
  private final Server grpc;
  private final HttpServer http;

  private OtlpReceiver() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    grpc = NettyServerBuilder.forAddress(new InetSocketAddress(loopback, 0), InsecureServerCredentials.create())
        .addService(new TraceServiceGrpc.TraceServiceImplBase() {
          @Override
          public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> responses) {
            requests.add(request);
            responses.onNext(ExportTraceServiceResponse.getDefaultInstance());
            responses.onCompleted();
          }
        })
        .intercept(new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
              ServerCallHandler<Q, R> next) {
            grpcHeaders.add(headers);
            return next.startCall(call, headers);
          }
        })
        .build().start();
    http = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    http.createContext("/v1/traces", this::receiveHttp);
    http.start();
  }

  /** Starts both endpoints on ephemeral loopback ports. */
  public static OtlpReceiver start() throws IOException {
    return new OtlpReceiver();
  }

  /** {@code http://127.0.0.1:port} of the gRPC endpoint. */
  public String grpcEndpoint() {
    return "http://127.0.0.1:" + grpc.getPort();
  }

  /** {@code http://127.0.0.1:port} of the HTTP endpoint (the exporter appends {@code /v1/traces}). */
  public String httpEndpoint() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  public List<ExportTraceServiceRequest> requests() {
    return List.copyOf(requests);
  }

  /** The metadata of every gRPC export call. */
  public List<Metadata> grpcHeaders() {
    return List.copyOf(grpcHeaders);
  }

  public List<String> httpContentTypes() {
    return List.copyOf(httpContentTypes);
  }

  /** Every span received, with the {@code service.name} of its resource. */
  public List<ReceivedSpan> spans() {
    List<ReceivedSpan> spans = new ArrayList<>();
    for (ExportTraceServiceRequest request : requests) {
      for (ResourceSpans resource : request.getResourceSpansList()) {
        String service = resource.getResource().getAttributesList().stream()
            .filter(kv -> kv.getKey().equals("service.name"))
            .map(kv -> kv.getValue().getStringValue()).findFirst().orElse("");
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(service, span)));
        }
      }
    }
    return spans;
  }

  private void receiveHttp(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      httpContentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
      requests.add(ExportTraceServiceRequest.parseFrom(body));
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    grpc.shutdownNow();
    try {
      grpc.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted closing the receiver", e));
    }
  }

  /** A span as it arrived, and the service that sent it. */
  public record ReceivedSpan(String service, Span span) {
    public String name() {
      return span.getName();
    }

    /** A string attribute's value, or null. */
    public String attribute(String key) {
      return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key))
          .map(KeyValue::getValue).map(v -> v.hasIntValue() ? Long.toString(v.getIntValue()) : v.getStringValue())
          .findFirst().orElse(null);
    }
  }
}
