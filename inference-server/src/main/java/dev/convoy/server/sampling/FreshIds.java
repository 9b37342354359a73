package dev.convoy.server.sampling;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Ids for sampled requests that came without one: a random UUID drawn once, then a counter,
 * so ids are unique within one sender and, by the UUID, across servers and restarts. A random
 * UUID per request cost a fifth of the sender thread (SecureRandom). One thread's use only.
 */
final class FreshIds implements Supplier<String> {
  private final String prefix = UUID.randomUUID() + "-";
  private long next;

  @Override
  public String get() {
    return prefix + Long.toHexString(next++);
  }
}
