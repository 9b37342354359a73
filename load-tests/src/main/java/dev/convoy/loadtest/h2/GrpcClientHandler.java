package dev.convoy.loadtest.h2;

import dev.convoy.loadtest.engine.CallOutcome;
import dev.convoy.loadtest.grpc.GrpcLoadCall;
import dev.convoy.loadtest.grpc.GrpcOutcomes;
import io.grpc.Status;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionEncoder;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.StreamBufferingEncoder;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One client HTTP/2 connection making unary gRPC calls: a HEADERS and a DATA frame with
 * END_STREAM per call, the outcome from the answer's trailers. Netty's codec does HPACK and
 * flow control; {@link StreamBufferingEncoder} holds calls beyond the server's
 * MAX_CONCURRENT_STREAMS until a stream closes. Calls in flight are kept by stream id on the
 * connection's event loop; each ends exactly once (answer, reset, deadline or closed
 * connection).
 */
final class GrpcClientHandler extends Http2ConnectionHandler {

  /** Large windows: the server's answers never wait for a WINDOW_UPDATE from the client. */
  static final int CONNECTION_WINDOW_BYTES = 16 * 1024 * 1024;
  private static final int STREAM_WINDOW_BYTES = 1024 * 1024;

  private final IntObjectMap<Pending> inFlight = new IntObjectHashMap<>();
  private final CompletableFuture<Void> settingsReceived = new CompletableFuture<>();
  private ChannelHandlerContext ctx;
  /** True while a read is decoded: writes made then are flushed once, when the read ends. */
  private boolean reading;

  private GrpcClientHandler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
      Http2Settings settings) {
    super(decoder, encoder, settings);
    decoder.frameListener(new Answers());
    connection().addListener(new Http2ConnectionAdapter() {
      @Override
      public void onStreamClosed(Http2Stream stream) {
        // Closed without an answer we saw, e.g. beyond a GOAWAY's last stream id.
        end(stream.id(), GrpcOutcomes.of(
            Status.UNAVAILABLE.withDescription("the stream closed before its answer")));
      }
    });
  }

  static GrpcClientHandler create() {
    Http2Connection connection = new DefaultHttp2Connection(false);
    Http2ConnectionEncoder encoder = new StreamBufferingEncoder(
        new DefaultHttp2ConnectionEncoder(connection, new DefaultHttp2FrameWriter()));
    Http2ConnectionDecoder decoder =
        new DefaultHttp2ConnectionDecoder(connection, encoder, new DefaultHttp2FrameReader());
    Http2Settings settings = new Http2Settings()
        .pushEnabled(false)
        .initialWindowSize(STREAM_WINDOW_BYTES);
    return new GrpcClientHandler(decoder, encoder, settings);
  }

  /** Completes once the server's first SETTINGS frame arrived: calls may be made. */
  CompletableFuture<Void> settingsReceived() {
    return settingsReceived;
  }

  /**
   * Makes one call from any thread: {@code headers} and {@code body} (a gRPC-framed message,
   * not released by the write) are only read; {@code done} runs on the event loop.
   */
  void call(Http2Headers headers, ByteBuf body, long timeoutNanos, Consumer<CallOutcome> done) {
    if (ctx.executor().inEventLoop()) {
      send(headers, body, timeoutNanos, done);
    } else {
      ctx.executor().execute(() -> send(headers, body, timeoutNanos, done));
    }
  }

  private void send(Http2Headers headers, ByteBuf body, long timeoutNanos,
      Consumer<CallOutcome> done) {
    if (!ctx.channel().isActive()) {
      done.accept(GrpcOutcomes.of(Status.UNAVAILABLE.withDescription("the connection is closed")));
      return;
    }
    int id = connection().local().incrementAndGetNextStreamId();
    Pending pending = new Pending(done);
    inFlight.put(id, pending);
    if (timeoutNanos > 0) {
      pending.deadline = ctx.executor().schedule(() -> expire(id), timeoutNanos,
          TimeUnit.NANOSECONDS);
    }
    encoder().writeHeaders(ctx, id, headers, 0, false, ctx.newPromise())
        .addListener(written -> {
          if (!written.isSuccess()) {
            end(id, GrpcOutcomes.of(Status.UNAVAILABLE.withDescription(
                "cannot open a stream: " + written.cause())));
          }
        });
    encoder().writeData(ctx, id, body.duplicate(), 0, true, ctx.newPromise());
    flushUnlessReading();
  }

  /** The client's deadline passed: reset the stream and report it as grpc-go does. */
  private void expire(int id) {
    if (inFlight.containsKey(id)) {
      encoder().writeRstStream(ctx, id, Http2Error.CANCEL.code(), ctx.newPromise());
      end(id, GrpcOutcomes.errorOf(Status.Code.DEADLINE_EXCEEDED,
          GrpcLoadCall.CLIENT_DEADLINE_DESCRIPTION));
      flushUnlessReading();
    }
  }

  private void end(int id, CallOutcome outcome) {
    Pending pending = inFlight.remove(id);
    if (pending != null) {
      if (pending.deadline != null) {
        pending.deadline.cancel(false);
      }
      pending.done.accept(outcome);
    }
  }

  private void flushUnlessReading() {
    if (!reading) {
      flush(ctx);
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    this.ctx = ctx;
    super.handlerAdded(ctx);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    super.channelActive(ctx);
    Http2Stream connectionStream = connection().connectionStream();
    int current = decoder().flowController().windowSize(connectionStream);
    decoder().flowController().incrementWindowSize(
        connectionStream, CONNECTION_WINDOW_BYTES - current);
    flush(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    reading = true;
    super.channelRead(ctx, msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    reading = false;
    super.channelReadComplete(ctx); // flushes what the read's completions wrote
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    settingsReceived.completeExceptionally(
        new IllegalStateException("the connection closed before the server's SETTINGS"));
    CallOutcome closed =
        GrpcOutcomes.of(Status.UNAVAILABLE.withDescription("the connection closed"));
    for (int id : new ArrayList<>(inFlight.keySet())) {
      end(id, closed);
    }
    super.channelInactive(ctx);
  }

  /** A call in flight. */
  private static final class Pending {
    final Consumer<CallOutcome> done;
    ScheduledFuture<?> deadline;
    int httpStatus;

    Pending(Consumer<CallOutcome> done) {
      this.done = done;
    }
  }

  /** The server's frames, on the event loop. */
  private final class Answers extends Http2FrameAdapter {

    @Override
    public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
      settingsReceived.complete(null);
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers,
        int padding, boolean endOfStream) {
      Pending pending = inFlight.get(streamId);
      if (pending == null) {
        return;
      }
      if (!endOfStream) {
        pending.httpStatus = GrpcWire.httpStatus(headers);
        return;
      }
      // Trailers, or a trailers-only answer that carries the HTTP status itself.
      int httpStatus = pending.httpStatus != 0 ? pending.httpStatus : GrpcWire.httpStatus(headers);
      end(streamId, GrpcOutcomes.of(GrpcWire.status(headers, httpStatus)));
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers,
        int streamDependency, short weight, boolean exclusive, int padding,
        boolean endOfStream) {
      onHeadersRead(ctx, streamId, headers, padding, endOfStream);
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding,
        boolean endOfStream) {
      if (endOfStream) {
        end(streamId, GrpcOutcomes.of(
            Status.INTERNAL.withDescription("the answer ended without trailers")));
      }
      return data.readableBytes() + padding; // consumed: the window opens again at once
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
      Status status = errorCode == Http2Error.REFUSED_STREAM.code() ? Status.UNAVAILABLE
          : errorCode == Http2Error.CANCEL.code() ? Status.CANCELLED : Status.INTERNAL;
      Http2Error error = Http2Error.valueOf(errorCode);
      end(streamId, GrpcOutcomes.of(status.withDescription("stream reset by the server: "
          + (error == null ? String.valueOf(errorCode) : error.name()))));
    }
  }
}
