package dev.convoy.loadtest;

import java.util.Locale;

/** Which client makes a run's unary calls ({@code --engine}). */
enum Engine {
  /** Frames on plain Netty HTTP/2 ({@link dev.convoy.loadtest.h2}): plaintext unary calls. */
  RAW,
  /** grpc-java's client: TLS, streams, and anything else. */
  GRPC;

  /**
   * The flag's engine, or without the flag the cheapest one that can make the run's calls.
   *
   * @param whyGrpc what in the run needs grpc-java's client, or null when nothing does
   * @throws IllegalArgumentException for an unknown name, or raw where it cannot be used
   */
  static Engine choose(String flag, boolean insecure, String whyGrpc) {
    boolean rawPossible = insecure && whyGrpc == null;
    if (flag == null) {
      return rawPossible ? RAW : GRPC;
    }
    Engine engine;
    try {
      engine = valueOf(flag.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--engine must be raw or grpc, got '" + flag + "'");
    }
    if (engine == RAW && !insecure) {
      throw new IllegalArgumentException(
          "--engine raw makes plaintext unary calls only: add --insecure, or use --engine grpc");
    }
    if (engine == RAW && whyGrpc != null) {
      throw new IllegalArgumentException(
          "--engine raw makes plaintext unary calls only; use --engine grpc for " + whyGrpc);
    }
    return engine;
  }
}
