package dev.convoy.server.error;

/** The client cancelled, or its deadline passed, before the request reached the model. */
public final class RequestCancelledException extends InferenceException {
  private final boolean deadlineExceeded;

  public RequestCancelledException(boolean deadlineExceeded, String message) {
    super(message);
    this.deadlineExceeded = deadlineExceeded;
  }

  public boolean deadlineExceeded() {
    return deadlineExceeded;
  }
}
