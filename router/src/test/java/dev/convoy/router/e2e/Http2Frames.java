package dev.convoy.router.e2e;

import com.google.protobuf.MessageLite;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.embedded.EmbeddedChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2CodecUtil;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2FrameWriter;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Settings;
import java.io.ByteArrayOutputStream;

/**
 * The bytes an HTTP/2 client would send for gRPC calls, encoded by Netty's frame writer into an
 * embedded channel, so a test decides which frames travel together: written at once, they
 * arrive in one read of the peer.
 */
final class Http2Frames {
  private final String authority;
  private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
  private final ChannelHandlerContext context = channel.pipeline().firstContext();
  private final Http2FrameWriter writer = new DefaultHttp2FrameWriter();

  /** Starts with the connection preface and empty SETTINGS. */
  Http2Frames(String authority) {
    this.authority = authority;
    context.write(Http2CodecUtil.connectionPrefaceBuf());
    writer.writeSettings(context, new Http2Settings(), context.newPromise());
  }

  /** A whole unary call on {@code stream} (odd, rising): its headers, then its one message. */
  Http2Frames call(int stream, String path, MessageLite request) {
    Http2Headers headers = new DefaultHttp2Headers().method("POST").scheme("http").path(path).authority(authority)
        .set("content-type", "application/grpc").set("te", "trailers");
    writer.writeHeaders(context, stream, headers, 0, false, context.newPromise());
    byte[] message = request.toByteArray();
    ByteBuf body = Unpooled.buffer(5 + message.length).writeByte(0).writeInt(message.length).writeBytes(message);
    writer.writeData(context, stream, body, 0, true, context.newPromise());
    return this;
  }

  /** The client cancels {@code stream}. */
  Http2Frames cancel(int stream) {
    writer.writeRstStream(context, stream, Http2Error.CANCEL.code(), context.newPromise());
    return this;
  }

  byte[] bytes() {
    channel.flushOutbound();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
      byte[] bytes = new byte[frame.readableBytes()];
      frame.readBytes(bytes);
      frame.release();
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }
}
