package dev.convoy.loadtest.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The schema from the server's reflection service (grpc.reflection.v1), as ghz uses without
 * {@code --proto}/{@code --protoset}: the file that defines the service, then any file it
 * imports that the server did not send with it. {@code --reflect-metadata} headers go with
 * these requests only.
 */
public final class ReflectionSchema {

  private static final Object END = new Object();

  private ReflectionSchema() {}

  public static List<FileDescriptor> fetch(Channel channel, String service, Metadata headers,
      Duration timeout) throws SchemaException, InterruptedException {
    Channel withHeaders = ClientInterceptors.intercept(channel,
        MetadataUtils.newAttachHeadersInterceptor(headers));
    BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(withHeaders).serverReflectionInfo(new Collector(answers));
    try {
      Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
      requests.onNext(ServerReflectionRequest.newBuilder()
          .setFileContainingSymbol(service).build());
      add(files, take(answers, timeout, service));
      String missing;
      while ((missing = firstMissing(files)) != null) {
        requests.onNext(ServerReflectionRequest.newBuilder().setFileByFilename(missing).build());
        add(files, take(answers, timeout, service));
      }
      return FileSets.build(new ArrayList<>(files.values()));
    } finally {
      requests.onCompleted();
    }
  }

  private static ServerReflectionResponse take(BlockingQueue<Object> answers, Duration timeout,
      String service) throws SchemaException, InterruptedException {
    Object answer = answers.poll(timeout.isZero() ? Long.MAX_VALUE : timeout.toNanos(),
        TimeUnit.NANOSECONDS);
    if (answer instanceof ServerReflectionResponse response) {
      if (response.hasErrorResponse()) {
        throw new SchemaException("reflection: " + response.getErrorResponse().getErrorMessage()
            + " (looking for \"" + service + "\")");
      }
      return response;
    }
    if (answer instanceof StatusRuntimeException e
        && e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
      throw new SchemaException("server does not support the reflection API; give --proto or"
          + " --protoset");
    }
    if (answer instanceof Throwable t) {
      throw new SchemaException("reflection request failed: " + t.getMessage(), t);
    }
    throw new SchemaException("no reflection answer within " + timeout.toMillis() + " ms");
  }

  private static void add(Map<String, FileDescriptorProto> files,
      ServerReflectionResponse response) throws SchemaException {
    for (ByteString bytes : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
      try {
        FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes);
        files.putIfAbsent(file.getName(), file);
      } catch (InvalidProtocolBufferException e) {
        throw new SchemaException("reflection sent an unreadable file descriptor", e);
      }
    }
  }

  private static String firstMissing(Map<String, FileDescriptorProto> files) {
    for (FileDescriptorProto file : files.values()) {
      for (String dep : file.getDependencyList()) {
        if (!files.containsKey(dep)) {
          return dep;
        }
      }
    }
    return null;
  }

  /** Hands answers and the stream's end to the requesting thread. */
  private record Collector(BlockingQueue<Object> answers)
      implements StreamObserver<ServerReflectionResponse> {
    @Override
    public void onNext(ServerReflectionResponse value) {
      answers.add(value);
    }

    @Override
    public void onError(Throwable t) {
      answers.add(t);
    }

    @Override
    public void onCompleted() {
      answers.add(END);
    }
  }
}
