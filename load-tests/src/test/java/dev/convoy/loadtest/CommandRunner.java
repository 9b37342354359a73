package dev.convoy.loadtest;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process, capturing its output and exit code. */
final class CommandRunner {

  record Outcome(int exitCode, String out, String err) {}

  private CommandRunner() {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new LoadTestCommand(false, false));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = LoadTestCommand.execute(commandLine, args);
    return new Outcome(code, out.toString(), err.toString());
  }
}
