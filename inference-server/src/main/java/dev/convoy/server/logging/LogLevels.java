package dev.convoy.server.logging;

import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Which of the server's log messages are written, in Triton's terms: INFO, WARNING and ERROR
 * each on or off, and a verbose level (0: none; 1: DEBUG; 2 and up: TRACE as well).
 */
public interface LogLevels {
  /** The settings now in force. */
  Settings current();

  /** Puts {@code settings} in force for every logger of the process. */
  void apply(Settings settings);

  record Settings(boolean info, boolean warnings, boolean errors, int verboseLevel) {}

  /** The process's levels where its SLF4J backend can change them at run time (Logback). */
  static Optional<LogLevels> ofBackend() {
    String factory = LoggerFactory.getILoggerFactory().getClass().getName();
    return factory.equals("ch.qos.logback.classic.LoggerContext") ? Optional.of(LogbackLevels.install())
        : Optional.empty();
  }
}
