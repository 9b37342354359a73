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
   * @throws IllegalArgumentException for an unknown name, or raw where it cannot be used
   */
  static Engine choose(String flag, boolean insecure, boolean stream) {
    boolean rawPossible = insecure && !stream;
    if (flag == null) {
      return rawPossible ? RAW : GRPC;
    }
    Engine engine;
    try {
      engine = valueOf(flag.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--engine must be raw or grpc, got '" + flag + "'");
    }
    if (engine == RAW && !rawPossible) {
      throw new IllegalArgumentException(
          "--engine raw makes plaintext unary calls only: add --insecure, or use --engine grpc"
              + (stream ? " for ModelStreamInfer" : ""));
    }
    return engine;
  }
}
