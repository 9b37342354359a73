package dev.convoy.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Logback's root level set to the lowest level asked for, and a turbo filter that drops the
 * levels switched off above it (Triton lets INFO be on while WARNING is off).
 */
final class LogbackLevels extends TurboFilter implements LogLevels {
  private volatile Settings settings = new Settings(true, true, true, 0);

  private LogbackLevels() {}

  static LogbackLevels install() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (TurboFilter filter : context.getTurboFilterList()) {
      if (filter instanceof LogbackLevels existing) {
        return existing;
      }
    }
    LogbackLevels levels = new LogbackLevels();
    levels.start();
    context.addTurboFilter(levels);
    return levels;
  }

  @Override
  public Settings current() {
    return settings;
  }

  @Override
  public void apply(Settings next) {
    settings = next;
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(lowest(next));
  }

  private static Level lowest(Settings settings) {
    if (settings.verboseLevel() >= 2) {
      return Level.TRACE;
    }
    if (settings.verboseLevel() == 1) {
      return Level.DEBUG;
    }
    if (settings.info()) {
      return Level.INFO;
    }
    if (settings.warnings()) {
      return Level.WARN;
    }
    return settings.errors() ? Level.ERROR : Level.OFF;
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
      Throwable t) {
    if (level == null) {
      return FilterReply.NEUTRAL;
    }
    Settings now = settings;
    boolean off = switch (level.toInt()) {
      case Level.INFO_INT -> !now.info();
      case Level.WARN_INT -> !now.warnings();
      case Level.ERROR_INT -> !now.errors();
      default -> false;
    };
    return off ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
