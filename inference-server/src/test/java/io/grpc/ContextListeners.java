package io.grpc;

/** Reads how many cancellation listeners a context holds (package-private in grpc-java, for tests). */
public final class ContextListeners {
  private ContextListeners() {}

  public static int count(Context context) {
    return context.listenerCount();
  }
}
