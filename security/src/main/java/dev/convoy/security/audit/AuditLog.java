package dev.convoy.security.audit;

import io.grpc.Status;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit lines: {@code audit action=... target="..." principal="..." via="..."
 * peer=... outcome=CODE}. Lines go to the SLF4J logger {@code convoy.audit} unless a test
 * passes its own sink.
 */
public final class AuditLog {
  private static final Logger log = LoggerFactory.getLogger("convoy.audit");

  private final Consumer<String> sink;

  public AuditLog(Consumer<String> sink) {
    this.sink = sink;
  }

  /** The log every service writes: the {@code convoy.audit} logger at INFO. */
  public static AuditLog toLogger() {
    return new AuditLog(log::info);
  }

  /**
   * One event.
   *
   * @param action the gRPC method (or HTTP path) called
   * @param target what it acted on (a model name), or null
   * @param principal the caller's principal as verified, or as claimed when refused
   * @param via the router that forwarded the call, or empty
   * @param peer the peer's address
   */
  public void record(String action, String target, String principal, String via, String peer, Status status) {
    StringBuilder line = new StringBuilder("audit action=").append(LogText.quoted(action));
    if (target != null) {
      line.append(" target=").append(LogText.quoted(target));
    }
    line.append(" principal=").append(LogText.quoted(principal));
    if (!via.isEmpty()) {
      line.append(" via=").append(LogText.quoted(via));
    }
    line.append(" peer=").append(LogText.quoted(peer)).append(" outcome=").append(status.getCode());
    if (!status.isOk() && status.getDescription() != null) {
      line.append(" reason=").append(LogText.quoted(status.getDescription()));
    }
    sink.accept(line.toString());
  }
}
