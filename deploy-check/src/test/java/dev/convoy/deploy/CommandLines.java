package dev.convoy.deploy;

import dev.convoy.monitor.MonitorCommandLine;
import dev.convoy.router.RouterCommandLine;
import dev.convoy.router.config.ConfigException;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.sampling.SamplingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Parses a container's arguments with the real service's option parser, and the validation
 * the service runs on them before it starts, so a flag a service does not know, or a value it
 * would refuse, fails here instead of in a crash-looping pod.
 */
final class CommandLines {
  private CommandLines() {}

  /** @throws CommandLineException saying which flag or value the service refuses */
  static ParsedCommand parse(ConvoyService service, List<String> args) {
    try {
      return switch (service) {
        case SERVER -> server(args);
        case ROUTER -> router(args);
        case MONITOR -> monitor(args);
      };
    } catch (CommandLine.UnmatchedArgumentException e) {
      throw new CommandLineException(service.commandName() + " does not know " + e.getUnmatched());
    } catch (CommandLine.ParameterException | ConfigException | IllegalArgumentException e) {
      throw new CommandLineException(service.commandName() + " refuses its arguments: " + e.getMessage());
    }
  }

  private static ParsedCommand server(List<String> args) {
    CommandLine commandLine = ConvoyService.SERVER.parser();
    commandLine.parseArgs(args.toArray(String[]::new));
    CommandSpec spec = commandLine.getCommandSpec();
    int port = spec.findOption("--port").getValue();
    int metricsPort = spec.findOption("--metrics-port").getValue();
    Duration grace = spec.findOption("--shutdown-grace").getValue();
    Path repository = spec.findOption("--model-repository").getValue();
    String host = spec.findOption("--host").getValue();
    // What Main.call() checks before it starts: the options record and the sample rate.
    new ServerOptions(repository, host, port, 4, grace, 64 << 20);
    SamplingPolicy.checked("--monitor-sample-rate", spec.findOption("--monitor-sample-rate").getValue());
    Optional<String> monitor = Optional.ofNullable(spec.findOption("--monitor").getValue());
    return new ParsedCommand(ConvoyService.SERVER, Map.of("grpc", port, "metrics", metricsPort), Optional.of(grace),
        List.of(), Optional.empty(), monitor, spec.findOption("--tls-cert").getValue() != null);
  }

  private static ParsedCommand router(List<String> args) {
    RouterCommandLine parsed = RouterCommandLine.parse(args);
    return new ParsedCommand(ConvoyService.ROUTER,
        Map.of("grpc", parsed.config().port(), "metrics", parsed.metricsPort()),
        Optional.of(parsed.config().shutdownGrace()), parsed.config().discovery().dnsNames(),
        Optional.of(parsed.config().discovery().dnsRefresh()), Optional.empty(), parsed.tls());
  }

  private static ParsedCommand monitor(List<String> args) {
    MonitorCommandLine parsed = MonitorCommandLine.parse(args);
    return new ParsedCommand(ConvoyService.MONITOR, Map.of("grpc", parsed.options().port(), "metrics",
        parsed.metricsPort(), "dashboard", parsed.options().httpPort()), Optional.empty(), List.of(),
        Optional.empty(), Optional.empty(), parsed.tls());
  }

  /** A command line its service would refuse. */
  static final class CommandLineException extends RuntimeException {
    CommandLineException(String message) {
      super(message);
    }
  }
}
