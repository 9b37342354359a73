package dev.convoy.loadtest;

import picocli.CommandLine;

/** {@code java -jar convoy-load-tests.jar [options] HOST:PORT}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    boolean interactive = System.console() != null;
    int code = LoadTestCommand.execute(
        new CommandLine(new LoadTestCommand(interactive, true)), args);
    System.exit(code);
  }
}
