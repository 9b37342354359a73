package dev.convoy.batch;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The channel to the server or router: TLS unless {@code insecure}, with the same options as
 * convoy-load ({@code --cacert} to trust a private CA, {@code --cert}/{@code --key} for mTLS),
 * and a bearer token on every call when {@code token} is not null.
 */
record Connection(String target, boolean insecure, Path caCert, Path cert, Path key, String token) {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** Inference answers can be large; gRPC's default 4 MiB limit is for RPC-style APIs. */
  private static final int MAX_INBOUND_MESSAGE_BYTES = 256 << 20;

  Connection {
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("--cert and --key go together");
    }
    if (insecure && (caCert != null || cert != null)) {
      throw new IllegalArgumentException("--insecure cannot be combined with --cacert, --cert or --key");
    }
  }

  ManagedChannel open() {
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target)
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES);
    if (insecure) {
      builder.usePlaintext();
    } else {
      builder.sslContext(sslContext()).negotiationType(NegotiationType.TLS);
    }
    if (token != null) {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token);
      builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    return builder.build();
  }

  /** The token in {@code file} (its first line), or null without a file. */
  static String readToken(Path file) {
    if (file == null) {
      return null;
    }
    try {
      String token = Files.readAllLines(readable(file, "--token-file")).stream().map(String::strip)
          .filter(line -> !line.isEmpty()).findFirst().orElse("");
      if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("--token-file " + file + " holds no token (one line of printable ASCII)");
      }
      return token;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --token-file " + file + ": " + e.getMessage(), e);
    }
  }

  private io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext() {
    try {
      SslContextBuilder builder = GrpcSslContexts.forClient();
      if (caCert != null) {
        builder.trustManager(readable(caCert, "--cacert").toFile());
      }
      if (cert != null) {
        builder.keyManager(readable(cert, "--cert").toFile(), readable(key, "--key").toFile());
      }
      return builder.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static Path readable(Path path, String option) {
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(option + " " + path + " is not a readable file");
    }
    return path;
  }
}
