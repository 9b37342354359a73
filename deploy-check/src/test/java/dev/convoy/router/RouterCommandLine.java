package dev.convoy.router;

import dev.convoy.router.config.ConfigParser;
import dev.convoy.router.config.RouterConfig;
import java.util.List;
import picocli.CommandLine;

/**
 * The router's command line as {@code convoy-router} reads it: picocli on {@link Main}, then
 * the configuration parser over the resulting settings, exactly as {@link Main#call()} does
 * before it starts anything. Lives in the router's package to reach {@code Main.settings()}.
 */
public record RouterCommandLine(RouterConfig config, int metricsPort, boolean tls) {
  /** The option names {@code convoy-router} knows. */
  public static CommandLine parser() {
    return new CommandLine(new Main());
  }

  /**
   * @throws CommandLine.ParameterException for an unknown option or a malformed value
   * @throws dev.convoy.router.config.ConfigException for a setting the router refuses
   */
  public static RouterCommandLine parse(List<String> args) {
    Main main = new Main();
    CommandLine commandLine = new CommandLine(main);
    commandLine.parseArgs(args.toArray(String[]::new));
    int metricsPort = commandLine.getCommandSpec().findOption("--metrics-port").getValue();
    boolean tls = commandLine.getCommandSpec().findOption("--tls-cert").getValue() != null;
    return new RouterCommandLine(ConfigParser.parse(main.settings()), metricsPort, tls);
  }
}
