package dev.convoy.loadtest.engine;

/** Why a run ended; {@link #jsonName()} is the value ghz writes as {@code endReason}. */
public enum EndReason {
  /** The requested number of calls was made. */
  NORMAL("normal"),
  /** The requested duration elapsed. */
  TIMEOUT("timeout"),
  /** The run was cancelled. */
  CANCEL("cancel");

  private final String jsonName;

  EndReason(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }
}
