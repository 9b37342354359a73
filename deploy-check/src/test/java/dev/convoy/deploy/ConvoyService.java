package dev.convoy.deploy;

import dev.convoy.monitor.MonitorCommandLine;
import dev.convoy.router.RouterCommandLine;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/** The Convoy services that run in the manifests, known by their image. */
enum ConvoyService {
  SERVER("convoy/inference-server"),
  ROUTER("convoy/router"),
  MONITOR("convoy/monitor");

  private final String image;

  ConvoyService(String image) {
    this.image = image;
  }

  /**
   * The service an image runs: its name without registry prefix or tag, e.g.
   * {@code registry.example/convoy/router:1.2} is the router.
   */
  static Optional<ConvoyService> ofImage(String imageReference) {
    String withoutTag = imageReference.replaceFirst("(@sha256)?:[^/:]*$", "");
    for (ConvoyService service : values()) {
      if (withoutTag.equals(service.image) || withoutTag.endsWith("/" + service.image)) {
        return Optional.of(service);
      }
    }
    return Optional.empty();
  }

  /** The service's own option parser: the picocli command its main class runs. */
  CommandLine parser() {
    return switch (this) {
      case SERVER -> new CommandLine(new dev.convoy.server.Main());
      case ROUTER -> RouterCommandLine.parser();
      case MONITOR -> MonitorCommandLine.parser();
    };
  }

  /** Every option name the service knows, short and long. */
  Set<String> optionNames() {
    return parser().getCommandSpec().optionsMap().keySet();
  }

  String commandName() {
    return parser().getCommandName();
  }
}
