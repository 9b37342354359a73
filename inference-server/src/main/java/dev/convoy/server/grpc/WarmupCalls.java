package dev.convoy.server.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Tells the server's own warm-up calls from clients' calls, so that warming the serving path
 * leaves statistics and metrics as a client would see them on a fresh server (as Triton's
 * warm-up does). A warm-up call carries a token drawn at random when the server starts; it
 * never leaves the process, so no client can pass its calls off as warm-up.
 */
public final class WarmupCalls implements ServerInterceptor {
  private static final Metadata.Key<String> HEADER = Metadata.Key.of("convoy-warmup", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<Boolean> WARMUP = Context.key("convoy-warmup");

  private final String token;

  public WarmupCalls() {
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    this.token = HexFormat.of().formatHex(secret);
  }

  /** The headers that mark a call as this server's warm-up. */
  public Metadata headers() {
    Metadata headers = new Metadata();
    headers.put(HEADER, token);
    return headers;
  }

  /** Whether the call whose context this is was marked by {@link #headers}. */
  static boolean isWarmup(Context call) {
    return Boolean.TRUE.equals(WARMUP.get(call));
  }

  /**
   * {@code guard} for every call but this server's own warm-up calls, which carry no
   * credentials and need none: their token never leaves the process.
   */
  public ServerInterceptor unlessWarmup(ServerInterceptor guard) {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        return token.equals(headers.get(HEADER)) ? next.startCall(call, headers)
            : guard.interceptCall(call, headers, next);
      }
    };
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    if (token.equals(headers.get(HEADER))) {
      return Contexts.interceptCall(Context.current().withValue(WARMUP, true), call, headers, next);
    }
    return next.startCall(call, headers);
  }
}
