package dev.convoy.telemetry.otlp;

import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * An OTLP trace endpoint (gRPC, {@code TraceService/Export}) on an ephemeral loopback port that
 * acknowledges every export without parsing it, counting requests and bytes. For benchmarks
 * that measure what exporting every span costs a service, and for smoke checks; a real
 * collector (Jaeger, the OpenTelemetry Collector) belongs in another process.
 */
public final class OtlpSink implements AutoCloseable {
  private static final String SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";
  private static final byte[] EMPTY_RESPONSE = new byte[0];

  private final LongAdder requests = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final Server server;

  private OtlpSink() throws IOException {
    MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Export"))
        .setRequestMarshaller(new BytesMarshaller())
        .setResponseMarshaller(new BytesMarshaller())
        .build();
    server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            InsecureServerCredentials.create())
        .addService(ServerServiceDefinition.builder(SERVICE).addMethod(export, this::accept).build())
        .build()
        .start();
  }

  /** Starts the sink on a free loopback port. */
  public static OtlpSink start() throws IOException {
    return new OtlpSink();
  }

  /** The value for {@code OTEL_EXPORTER_OTLP_ENDPOINT} (protocol {@code grpc}). */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Export requests received. */
  public long requests() {
    return requests.sum();
  }

  /** Bytes of export requests received (uncompressed protobuf). */
  public long bytes() {
    return bytes.sum();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private ServerCall.Listener<byte[]> accept(ServerCall<byte[], byte[]> call, Metadata headers) {
    call.request(1);
    return new ServerCall.Listener<>() {
      @Override
      public void onMessage(byte[] message) {
        requests.increment();
        bytes.add(message.length);
      }

      @Override
      public void onHalfClose() {
        call.sendHeaders(new Metadata());
        call.sendMessage(EMPTY_RESPONSE);
        call.close(Status.OK, new Metadata());
      }
    };
  }
}
