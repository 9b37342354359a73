package dev.convoy.loadtest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Something the bench runs in a JVM of its own for rows to call: a Convoy server on a variant of
 * a model, the router in front of one, a reference fixture, the OTLP receiver a traced
 * server exports to, or a Convoy monitor. Equal targets are the same process.
 */
sealed interface Target {

  /** Unique, stable name, e.g. {@code convoy/digits_mlp/batched/untraced}. */
  String key();

  /** Targets that must run first (and stay up while this one runs). */
  default List<Target> dependencies() {
    return List.of();
  }

  /** How a Convoy server samples traces, set through the standard OTEL_* variables. */
  enum Sampling {
    NONE("untraced", ""),
    TEN_PERCENT("parentbased_traceidratio", "0.1"),
    ALL("parentbased_traceidratio", "1.0");

    final String sampler;
    final String argument;

    Sampling(String sampler, String argument) {
      this.sampler = sampler;
      this.argument = argument;
    }

    String describe() {
      return this == NONE ? "untraced" : sampler + " " + argument;
    }
  }

  /**
   * The Convoy inference server serving {@code model} configured as {@code variant}; when
   * {@code monitored}, sampling every answered request into a monitor of its own.
   */
  record Convoy(String model, ModelVariant variant, Sampling sampling, boolean monitored)
      implements Target {
    Convoy(String model, ModelVariant variant) {
      this(model, variant, Sampling.NONE);
    }

    Convoy(String model, ModelVariant variant, Sampling sampling) {
      this(model, variant, sampling, false);
    }

    @Override
    public String key() {
      return "convoy/" + model + "/" + variant.name() + "/"
          + sampling.name().toLowerCase(Locale.ROOT) + (monitored ? "/monitored" : "");
    }

    @Override
    public List<Target> dependencies() {
      List<Target> needed = new ArrayList<>();
      if (sampling != Sampling.NONE) {
        needed.add(new Receiver(key()));
      }
      if (monitored) {
        needed.add(new Monitor(key()));
      }
      return needed;
    }
  }

  /** The Convoy inference server serving {@code model} as shipped, over TLS with a certificate of the bench's. */
  record TlsConvoy(String model) implements Target {
    @Override
    public String key() {
      return "convoy-tls/" + model;
    }
  }

  /** The Convoy router with {@code backend} as its one backend. */
  record Router(Convoy backend) implements Target {
    @Override
    public String key() {
      return "router/" + backend.key();
    }

    @Override
    public List<Target> dependencies() {
      return List.of(backend);
    }
  }

  /** A reference fixture on {@code model} (see {@code dev.convoy.loadtest.fixture}). */
  record Fixture(Kind kind, String model) implements Target {
    /** The fixtures, by main class. */
    enum Kind {
      GRPC_FLOOR("grpc-floor", "dev.convoy.loadtest.fixture.GrpcFloor"),
      HAND_WRITTEN("hand-written", "dev.convoy.loadtest.fixture.HandWritten");

      final String label;
      final String mainClass;

      Kind(String label, String mainClass) {
        this.label = label;
        this.mainClass = mainClass;
      }
    }

    @Override
    public String key() {
      return kind.label + "/" + model;
    }
  }

  /**
   * A Convoy monitor, with the digits reference for digits_mlp version 1, for {@code user}
   * (the key of the server sampling into it, or the name of the row streaming to it).
   */
  record Monitor(String user) implements Target {
    @Override
    public String key() {
      return "monitor/" + user;
    }
  }

  /** The OTLP receiver of the traced server with key {@code serverKey}. */
  record Receiver(String serverKey) implements Target {
    @Override
    public String key() {
      return "otlp-receiver/" + serverKey;
    }
  }
}
