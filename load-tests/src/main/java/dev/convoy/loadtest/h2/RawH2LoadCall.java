package dev.convoy.loadtest.h2;

import com.google.protobuf.MessageLite;
import dev.convoy.loadtest.engine.AsyncLoadCall;
import dev.convoy.loadtest.engine.CallOutcome;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The raw engine's unary call: slot {@code s} uses connection {@code s % connections}, call
 * {@code i} sends request {@code i % requests}. Each distinct request is serialised and
 * gRPC-framed once, into a direct buffer every call only reads; the header set is built once
 * per run. Answers are not parsed beyond their status. Completions run on the connection's
 * event loop, which also issues the next call.
 */
public final class RawH2LoadCall implements AsyncLoadCall {

  private final RawH2Connections connections;
  private final Http2Headers headers;
  private final ByteBuf[] bodies;
  private final long timeoutNanos;

  /**
   * @param connections open connections (at least one)
   * @param method a unary method
   * @param requests the requests, sent round-robin by call index (at least one)
   * @param timeout per-call deadline, sent as grpc-timeout and enforced here; zero for none
   * @param metadata headers sent with every call
   */
  public RawH2LoadCall(RawH2Connections connections, MethodDescriptor<?, ?> method,
      List<? extends MessageLite> requests, Duration timeout, Metadata metadata) {
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("need at least one request");
    }
    if (method.getType() != MethodDescriptor.MethodType.UNARY) {
      throw new IllegalArgumentException(method.getFullMethodName() + " is not unary");
    }
    this.connections = connections;
    this.timeoutNanos = timeout.toNanos();
    this.headers = GrpcWire.requestHeaders(
        connections.authority(), method.getFullMethodName(), metadata, timeoutNanos);
    this.bodies = requests.stream().map(RawH2LoadCall::framed).toArray(ByteBuf[]::new);
  }

  /** Direct memory the JDK frees with the call object; writes take duplicates of it. */
  private static ByteBuf framed(MessageLite request) {
    byte[] frame = GrpcWire.frame(request.toByteArray());
    ByteBuffer direct = ByteBuffer.allocateDirect(frame.length).put(frame).flip();
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct).asReadOnly());
  }

  @Override
  public void start(int slot, long index, Consumer<CallOutcome> done) {
    ByteBuf body = bodies[(int) Math.floorMod(index, (long) bodies.length)];
    connections.forSlot(slot).call(headers, body, timeoutNanos, done);
  }
}
