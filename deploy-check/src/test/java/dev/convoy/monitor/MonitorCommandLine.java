package dev.convoy.monitor;

import java.util.List;
import picocli.CommandLine;

/**
 * The monitor's command line as {@code convoy-monitor} reads it: picocli on {@link Main},
 * then the validation {@link Main#call()} runs before it opens anything. Lives in the
 * monitor's package to reach {@code Main.options()}.
 */
public record MonitorCommandLine(MonitorOptions options, int metricsPort, boolean tls) {
  /** The option names {@code convoy-monitor} knows. */
  public static CommandLine parser() {
    return new CommandLine(new Main());
  }

  /**
   * @throws CommandLine.ParameterException for an unknown option or a malformed value
   * @throws IllegalArgumentException for a value the monitor refuses
   */
  public static MonitorCommandLine parse(List<String> args) {
    Main main = new Main();
    CommandLine commandLine = new CommandLine(main);
    commandLine.parseArgs(args.toArray(String[]::new));
    int metricsPort = commandLine.getCommandSpec().findOption("--metrics-port").getValue();
    boolean tls = commandLine.getCommandSpec().findOption("--tls-cert").getValue() != null;
    return new MonitorCommandLine(main.options(), metricsPort, tls);
  }
}
