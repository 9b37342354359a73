package dev.convoy.router;

import dev.convoy.router.backend.HostResolver;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What the router takes from the outside world, so tests can replace it.
 *
 * @param resolver resolves the DNS names of the configuration
 * @param nanoTime the ticker for ejection back-off and the retry budget window
 * @param random the balancer's random source; must be safe to use from several threads
 */
public record RouterEnvironment(HostResolver resolver, LongSupplier nanoTime, RandomGenerator random) {
  /** The system resolver, {@link System#nanoTime} and a per-thread random generator. */
  public static RouterEnvironment system() {
    return new RouterEnvironment(HostResolver.SYSTEM, System::nanoTime, () -> ThreadLocalRandom.current().nextLong());
  }

  public RouterEnvironment withResolver(HostResolver newResolver) {
    return new RouterEnvironment(newResolver, nanoTime, random);
  }

  public RouterEnvironment withRandom(RandomGenerator newRandom) {
    return new RouterEnvironment(resolver, nanoTime, newRandom);
  }
}
