package dev.convoy.router.proxy;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * Where the outcome of a call forwarded by {@link UnaryProxyCall} goes: the client's own
 * unary call, or one message of a ModelStreamInfer stream ({@link StreamProxyCall}).
 * Exactly one of the two methods is called, once, unless the client cancelled.
 */
interface UnaryReply {
  /** The backend answered OK with {@code response} (null if it sent no message). */
  void reply(Metadata headers, byte[] response, Metadata trailers);

  /** The call failed with {@code status}: the backend's, or the router's own (no backend). */
  void fail(Status status, Metadata trailers);

  /** Replies on {@code call}, passing headers and trailers through. */
  static UnaryReply to(ServerCall<byte[], byte[]> call) {
    return new UnaryReply() {
      @Override
      public void reply(Metadata headers, byte[] response, Metadata trailers) {
        call.sendHeaders(ForwardedHeaders.copy(headers));
        if (response != null) {
          call.sendMessage(response);
        }
        call.close(Status.OK, ForwardedHeaders.copy(trailers));
      }

      @Override
      public void fail(Status status, Metadata trailers) {
        call.close(status, ForwardedHeaders.copy(trailers));
      }
    };
  }
}
