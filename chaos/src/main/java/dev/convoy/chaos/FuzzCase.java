package dev.convoy.chaos;

import io.grpc.ManagedChannel;
import java.nio.file.Path;

/** Malformed calls, straight at a server and through the router. */
final class FuzzCase {
  private FuzzCase() {}

  static CaseResult run(Path root, Path repository, int requestsPerPath) throws InterruptedException {
    try (Launched server = Launched.server(root, repository, "512m");
        Launched router = Launched.router(root, server.port())) {
      StatusTally direct = fuzz(server.port(), requestsPerPath, 1);
      StatusTally routed = fuzz(router.port(), requestsPerPath, 2);
      String figures = "  direct: " + direct.total() + " calls, " + direct.unknownOrInternal() + " UNKNOWN/INTERNAL\n"
          + direct.describe()
          + "  via router: " + routed.total() + " calls, " + routed.unknownOrInternal() + " UNKNOWN/INTERNAL\n"
          + routed.describe()
          + "  server alive: " + server.alive() + ", router alive: " + router.alive() + "\n";
      boolean met = direct.unknownOrInternal() == 0 && routed.unknownOrInternal() == 0 && server.alive()
          && router.alive();
      return new CaseResult("fuzz", figures, "0 UNKNOWN/INTERNAL direct and through the router", met);
    }
  }

  private static StatusTally fuzz(int port, int requests, long seed) throws InterruptedException {
    ManagedChannel channel = Channels.to(port);
    try {
      Channels.awaitModel(channel, "typed_identity");
      return Fuzz.run(channel, requests, seed);
    } finally {
      Channels.close(channel);
    }
  }
}
