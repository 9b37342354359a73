package dev.convoy.telemetry.otlp;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends OTLP export requests as unary gRPC calls on one grpc-java channel: the configured
 * timeout as the call's deadline, headers as metadata, gzip when asked, and the exporter's
 * retry policy as the channel's retry policy (on the codes OTLP calls retryable). TLS for
 * {@code https} endpoints trusts the configured certificate, else the system's trust store.
 */
final class GrpcJavaSender implements GrpcSender {
  private static final Logger log = LoggerFactory.getLogger(GrpcJavaSender.class);
  /** OTLP's retryable codes; RESOURCE_EXHAUSTED only with retry info, which the channel cannot read. */
  private static final List<String> RETRYABLE = List.of(
      "CANCELLED", "DEADLINE_EXCEEDED", "ABORTED", "OUT_OF_RANGE", "UNAVAILABLE", "DATA_LOSS");

  private final ManagedChannel channel;
  private final MethodDescriptor<MessageWriter, byte[]> method;
  private final GrpcSenderConfig config;
  private final String compression;

  GrpcJavaSender(GrpcSenderConfig config) {
    this.config = config;
    this.method = MethodDescriptor.<MessageWriter, byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(fullMethodName(config.getFullMethodName()))
        .setRequestMarshaller(new WriterMarshaller())
        .setResponseMarshaller(new BytesMarshaller())
        .build();
    this.compression = compression(config.getCompressor());
    this.channel = channel(config, method.getServiceName());
  }

  @Override
  public void send(MessageWriter request, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(config.getTimeout().toNanos(), TimeUnit.NANOSECONDS);
    if (compression != null) {
      options = options.withCompression(compression);
    }
    ClientCall<MessageWriter, byte[]> call = channel.newCall(method, options);
    try {
      call.start(new ResponseListener(onResponse), headers());
      call.request(1);
      call.sendMessage(request);
      call.halfClose();
    } catch (RuntimeException e) {
      call.cancel("export failed to start", e);
      onError.accept(e);
    }
  }

  @Override
  public CompletableResultCode shutdown() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.shutdownNow();
    }
    return CompletableResultCode.ofSuccess();
  }

  private Metadata headers() {
    Metadata metadata = new Metadata();
    Map<String, List<String>> headers = config.getHeadersSupplier().get();
    if (headers != null) {
      headers.forEach((name, values) -> {
        Metadata.Key<String> key = Metadata.Key.of(name.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);
        values.forEach(value -> metadata.put(key, value));
      });
    }
    return metadata;
  }

  private static ManagedChannel channel(GrpcSenderConfig config, String service) {
    URI endpoint = config.getEndpoint();
    boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
    int port = endpoint.getPort() != -1 ? endpoint.getPort() : tls ? 443 : 80;
    ChannelCredentials credentials = tls ? tlsCredentials(config) : InsecureChannelCredentials.create();
    ManagedChannelBuilder<?> builder = Grpc.newChannelBuilderForAddress(endpoint.getHost(), port, credentials);
    if (config.getExecutorService() != null) {
      builder.executor(config.getExecutorService());
    }
    RetryPolicy retry = config.getRetryPolicy();
    if (retry != null) {
      builder.enableRetry().maxRetryAttempts(retry.getMaxAttempts()).defaultServiceConfig(retryConfig(service, retry));
    } else {
      builder.disableRetry();
    }
    return builder.build();
  }

  private static ChannelCredentials tlsCredentials(GrpcSenderConfig config) {
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
    if (config.getTrustManager() != null) {
      tls.trustManager(config.getTrustManager());
    }
    return tls.build();
  }

  /** gRPC's service config for the exporter's retry policy. */
  static Map<String, ?> retryConfig(String service, RetryPolicy retry) {
    Map<String, Object> policy = Map.of(
        "maxAttempts", (double) retry.getMaxAttempts(),
        "initialBackoff", seconds(retry.getInitialBackoff().toNanos()),
        "maxBackoff", seconds(retry.getMaxBackoff().toNanos()),
        "backoffMultiplier", retry.getBackoffMultiplier(),
        "retryableStatusCodes", RETRYABLE);
    return Map.of("methodConfig", List.of(Map.of(
        "name", List.of(Map.of("service", service)),
        "retryPolicy", policy)));
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.9fs", nanos / 1e9);
  }

  private static String compression(Compressor compressor) {
    if (compressor == null) {
      return null;
    }
    if (!"gzip".equals(compressor.getEncoding())) {
      log.warn("OTLP gRPC export: compression '{}' is not supported; sending uncompressed", compressor.getEncoding());
      return null;
    }
    return "gzip";
  }

  /** grpc-java wants {@code package.Service/Method}; the config may give it with a leading '/'. */
  private static String fullMethodName(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** Completes the export with the call's status and, on success, the response's bytes. */
  private static final class ResponseListener extends ClientCall.Listener<byte[]> {
    private final Consumer<GrpcResponse> onResponse;
    private byte[] body = new byte[0];

    ResponseListener(Consumer<GrpcResponse> onResponse) {
      this.onResponse = onResponse;
    }

    @Override
    public void onMessage(byte[] message) {
      body = message;
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      onResponse.accept(new Response(GrpcStatusCode.fromValue(status.getCode().value()),
          status.getDescription(), body));
    }
  }

  private record Response(GrpcStatusCode statusCode, String statusDescription, byte[] responseMessage)
      implements GrpcResponse {
    @Override
    public GrpcStatusCode getStatusCode() {
      return statusCode;
    }

    @Override
    public String getStatusDescription() {
      return statusDescription;
    }

    @Override
    public byte[] getResponseMessage() {
      return responseMessage;
    }
  }
}
