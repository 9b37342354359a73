package io.grpc;

/** Reads how many cancellation listeners a context holds, which only io.grpc can see. */
public final class ContextListeners {
  private ContextListeners() {}

  public static int count(Context context) {
    return context.listenerCount();
  }
}
