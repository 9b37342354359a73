package dev.convoy.loadtest.testing;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A generic gRPC service for the load tester's tests, on a real Netty server on a loopback
 * ephemeral port with server reflection and grpc's health service: {@code convoy.test.Echo}
 * has one method of each kind ({@code Unary}, {@code ClientStream}, {@code ServerStream},
 * {@code Bidi}), taking {@code EchoRequest {string text = 1; int64 n = 2;}} and answering
 * {@code EchoReply {string text = 1; int64 count = 2;}}. Its schema is built here, so that no
 * .proto file is needed; {@link #PROTO} is the same schema as .proto text. It records every
 * request's text and every call's headers, and counts streams.
 */
public final class EchoServer implements AutoCloseable {

  public static final String SERVICE = "convoy.test.Echo";
  /** How many answers ServerStream sends. */
  public static final int SERVER_STREAM_ANSWERS = 10;

  public static final String PROTO = """
      syntax = "proto3";
      package convoy.test;
      message EchoRequest { string text = 1; int64 n = 2; }
      message EchoReply { string text = 1; int64 count = 2; }
      service Echo {
        rpc Unary (EchoRequest) returns (EchoReply);
        rpc ClientStream (stream EchoRequest) returns (EchoReply);
        rpc ServerStream (EchoRequest) returns (stream EchoReply);
        rpc Bidi (stream EchoRequest) returns (stream EchoReply);
      }
      """;

  private static final Descriptors.FileDescriptor FILE = buildFile();

  private final Server server;
  private final Queue<String> texts = new ConcurrentLinkedQueue<>();
  private final Queue<Integer> streamLengths = new ConcurrentLinkedQueue<>();
  private final Queue<Metadata> headers = new ConcurrentLinkedQueue<>();

  private EchoServer() throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    ServerInterceptor recordHeaders = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata requestHeaders, ServerCallHandler<Q, R> next) {
        headers.add(requestHeaders);
        return next.startCall(call, requestHeaders);
      }
    };
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(definition(), recordHeaders))
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(health.getHealthService())
        .build()
        .start();
  }

  public static EchoServer start() throws IOException {
    return new EchoServer();
  }

  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  /** The text of every request received, in arrival order. */
  public List<String> texts() {
    return List.copyOf(texts);
  }

  /** Messages received on each client or bidi stream that ended. */
  public List<Integer> streamLengths() {
    return List.copyOf(streamLengths);
  }

  public List<Metadata> headers() {
    return List.copyOf(headers);
  }

  /** The schema as a protoset file's contents. */
  public static byte[] protoset() {
    return FileDescriptorSet.newBuilder().addFile(FILE.toProto()).build().toByteArray();
  }

  /** {@code EchoRequest}s serialised with their length before each, as {@code -B} reads. */
  public static byte[] delimitedRequests(String... texts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String text : texts) {
      request(text).writeDelimitedTo(out);
    }
    return out.toByteArray();
  }

  public static DynamicMessage request(String text) {
    Descriptors.Descriptor type = FILE.findMessageTypeByName("EchoRequest");
    return DynamicMessage.newBuilder(type).setField(type.findFieldByName("text"), text).build();
  }

  private ServerServiceDefinition definition() {
    MethodDescriptor<byte[], byte[]> unary = method("Unary", MethodType.UNARY);
    MethodDescriptor<byte[], byte[]> client = method("ClientStream", MethodType.CLIENT_STREAMING);
    MethodDescriptor<byte[], byte[]> serverStream =
        method("ServerStream", MethodType.SERVER_STREAMING);
    MethodDescriptor<byte[], byte[]> bidi = method("Bidi", MethodType.BIDI_STREAMING);
    ServiceDescriptor service = ServiceDescriptor.newBuilder(SERVICE)
        .setSchemaDescriptor((ProtoFileDescriptorSupplier) () -> FILE)
        .addMethod(unary).addMethod(client).addMethod(serverStream).addMethod(bidi).build();
    return ServerServiceDefinition.builder(service)
        .addMethod(unary, ServerCalls.asyncUnaryCall((req, reply) -> {
          record(req);
          reply.onNext(reply("ok", 1));
          reply.onCompleted();
        }))
        .addMethod(client, ServerCalls.asyncClientStreamingCall(reply -> counting(reply, false)))
        .addMethod(serverStream, ServerCalls.asyncServerStreamingCall((req, reply) -> {
          record(req);
          for (int i = 0; i < SERVER_STREAM_ANSWERS; i++) {
            reply.onNext(reply("part", i));
          }
          reply.onCompleted();
        }))
        .addMethod(bidi, ServerCalls.asyncBidiStreamingCall(reply -> counting(reply, true)))
        .build();
  }

  private StreamObserver<byte[]> counting(StreamObserver<byte[]> reply, boolean echoEach) {
    return new StreamObserver<>() {
      private int count;

      @Override
      public void onNext(byte[] value) {
        record(value);
        count++;
        if (echoEach) {
          reply.onNext(reply("echo", count));
        }
      }

      @Override
      public void onError(Throwable t) {
        // A stream the client cancelled ends here; there is nothing to answer.
      }

      @Override
      public void onCompleted() {
        streamLengths.add(count);
        if (!echoEach) {
          reply.onNext(reply("done", count));
        }
        reply.onCompleted();
      }
    };
  }

  private void record(byte[] request) {
    try {
      DynamicMessage m = DynamicMessage.parseFrom(FILE.findMessageTypeByName("EchoRequest"),
          request);
      texts.add((String) m.getField(m.getDescriptorForType().findFieldByName("text")));
    } catch (InvalidProtocolBufferException e) {
      throw Status.INVALID_ARGUMENT.withDescription("not an EchoRequest").asRuntimeException();
    }
  }

  private static byte[] reply(String text, long count) {
    Descriptors.Descriptor type = FILE.findMessageTypeByName("EchoReply");
    return DynamicMessage.newBuilder(type).setField(type.findFieldByName("text"), text)
        .setField(type.findFieldByName("count"), count).build().toByteArray();
  }

  private static MethodDescriptor<byte[], byte[]> method(String name, MethodType type) {
    return MethodDescriptor.newBuilder(new Bytes(), new Bytes())
        .setFullMethodName(SERVICE + "/" + name).setType(type).build();
  }

  private static Descriptors.FileDescriptor buildFile() {
    FieldDescriptorProto.Type string = FieldDescriptorProto.Type.TYPE_STRING;
    FieldDescriptorProto.Type int64 = FieldDescriptorProto.Type.TYPE_INT64;
    FileDescriptorProto proto = FileDescriptorProto.newBuilder()
        .setName("convoy/test/echo.proto").setPackage("convoy.test").setSyntax("proto3")
        .addMessageType(message("EchoRequest", field("text", 1, string), field("n", 2, int64)))
        .addMessageType(message("EchoReply", field("text", 1, string), field("count", 2, int64)))
        .addService(ServiceDescriptorProto.newBuilder().setName("Echo")
            .addMethod(rpc("Unary", false, false)).addMethod(rpc("ClientStream", true, false))
            .addMethod(rpc("ServerStream", false, true)).addMethod(rpc("Bidi", true, true)))
        .build();
    try {
      return Descriptors.FileDescriptor.buildFrom(proto, new Descriptors.FileDescriptor[0]);
    } catch (Descriptors.DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DescriptorProto message(String name, FieldDescriptorProto... fields) {
    return DescriptorProto.newBuilder().setName(name).addAllField(List.of(fields)).build();
  }

  private static FieldDescriptorProto field(String name, int number,
      FieldDescriptorProto.Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
        .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setJsonName(name).build();
  }

  private static MethodDescriptorProto rpc(String name, boolean clientStreams,
      boolean serverStreams) {
    return MethodDescriptorProto.newBuilder().setName(name)
        .setInputType(".convoy.test.EchoRequest").setOutputType(".convoy.test.EchoReply")
        .setClientStreaming(clientStreams).setServerStreaming(serverStreams).build();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Bytes as they are. */
  private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
