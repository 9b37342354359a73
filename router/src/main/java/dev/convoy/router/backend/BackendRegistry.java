package dev.convoy.router.backend;

import dev.convoy.router.config.BackendTarget;
import dev.convoy.router.config.Discovery;
import dev.convoy.router.config.EjectionSettings;
import dev.convoy.router.fault.Ejection;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends the router knows: the static ones, and those its DNS names resolve to. Lookups
 * read an immutable snapshot without locking; {@link #resolve} and {@link #close} are
 * serialised.
 *
 * <p>A DNS name that fails to resolve keeps its previous addresses. An address that
 * disappears from DNS takes no new requests; its channel is shut down, letting calls in
 * flight finish. An address that is both static and found through DNS is one backend.
 */
public final class BackendRegistry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackendRegistry.class);

  private final Discovery discovery;
  private final HostResolver resolver;
  private final Function<BackendTarget, ManagedChannel> channels;
  private final Function<ManagedChannel, Channel> forwarding;
  private final EjectionSettings ejection;
  private final LongSupplier nanoTime;
  private final Map<String, Backend> byAddress = new TreeMap<>(); // guarded by this
  private final Map<String, Set<String>> dnsAddresses = new HashMap<>(); // guarded by this
  private final List<ManagedChannel> retired = new ArrayList<>(); // guarded by this
  private volatile List<Backend> snapshot = List.of();
  private boolean closed; // guarded by this

  /**
   * @param channels opens the channel to a backend address
   * @param nanoTime the ticker for ejection and routing decisions
   */
  public BackendRegistry(Discovery discovery, HostResolver resolver, Function<BackendTarget, ManagedChannel> channels,
      EjectionSettings ejection, LongSupplier nanoTime) {
    this(discovery, resolver, channels, channel -> channel, ejection, nanoTime);
  }

  /**
   * @param channels opens the channel to a backend address
   * @param forwarding the view of a backend's channel that forwarded calls use (the traced one)
   * @param nanoTime the ticker for ejection and routing decisions
   */
  public BackendRegistry(Discovery discovery, HostResolver resolver, Function<BackendTarget, ManagedChannel> channels,
      Function<ManagedChannel, Channel> forwarding, EjectionSettings ejection, LongSupplier nanoTime) {
    this.discovery = discovery;
    this.resolver = resolver;
    this.channels = channels;
    this.forwarding = forwarding;
    this.ejection = ejection;
    this.nanoTime = nanoTime;
    synchronized (this) {
      for (BackendTarget target : discovery.backends()) {
        byAddress.computeIfAbsent(target.address(), a -> open(target, "static"));
      }
      publish();
    }
  }

  public long nanoTime() {
    return nanoTime.getAsLong();
  }

  /** Every backend, in address order. */
  public List<Backend> all() {
    return snapshot;
  }

  /**
   * The backends that may take a request for {@code model}: routable (healthy, not ejected)
   * and serving it, minus {@code exclude}. When ejection has removed every healthy backend
   * that serves the model, those ejected ones are returned rather than none.
   *
   * @param version empty: any version
   */
  public List<Backend> candidates(String model, String version, Set<Backend> exclude) {
    long now = nanoTime.getAsLong();
    List<Backend> routable = new ArrayList<>();
    List<Backend> ejected = new ArrayList<>();
    for (Backend backend : snapshot) {
      if (exclude.contains(backend) || !backend.healthy() || !backend.serves(model, version)) {
        continue;
      }
      (backend.routable(now) ? routable : ejected).add(backend);
    }
    return routable.isEmpty() ? ejected : routable;
  }

  /** Whether any backend, healthy or not, last reported {@code model} ready. */
  public boolean knows(String model) {
    for (Backend backend : snapshot) {
      if (backend.serves(model, "")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether any backend, healthy or not, may serve {@code model} ({@code version}) now or once
   * it is back or loaded: when none may, the model or version does not exist behind the router.
   * With no backend at all (a DNS name that resolves to none) nothing is known: it may.
   */
  public boolean mayServe(String model, String version) {
    if (snapshot.isEmpty()) {
      return true;
    }
    for (Backend backend : snapshot) {
      if (backend.mayServe(model, version)) {
        return true;
      }
    }
    return false;
  }

  /** The healthy backends, in address order. */
  public List<Backend> healthy() {
    return snapshot.stream().filter(Backend::healthy).toList();
  }

  /** Re-resolves the DNS names, adding and retiring backends. Blocks on name resolution. */
  public void resolve() {
    for (BackendTarget name : discovery.dnsNames()) {
      Map<String, BackendTarget> targets = new LinkedHashMap<>();
      try {
        for (InetAddress address : resolver.resolve(name.host())) {
          BackendTarget target = name.withHost(address.getHostAddress());
          targets.put(target.address(), target);
        }
      } catch (UnknownHostException e) {
        log.warn("cannot resolve {}; keeping its previous addresses: {}", name.host(), e.getMessage());
        continue;
      }
      update(name, targets);
    }
  }

  private synchronized void update(BackendTarget name, Map<String, BackendTarget> targets) {
    if (closed) {
      return;
    }
    String source = "dns:" + name.host();
    Set<String> previous = dnsAddresses.getOrDefault(name.host(), Set.of());
    targets.forEach((address, target) -> {
      if (!byAddress.containsKey(address)) {
        byAddress.put(address, open(target, source));
        log.info("{} resolves to new backend {}", name.host(), address);
      }
    });
    for (String address : previous) {
      Backend backend = byAddress.get(address);
      if (!targets.containsKey(address) && backend != null && backend.source().equals(source)) {
        byAddress.remove(address);
        backend.channel().shutdown();
        retired.add(backend.channel());
        log.info("{} no longer resolves to backend {}; retiring it", name.host(), address);
      }
    }
    dnsAddresses.put(name.host(), Set.copyOf(targets.keySet()));
    publish();
  }

  private Backend open(BackendTarget target, String source) {
    ManagedChannel channel = channels.apply(target);
    Backend backend = new Backend(target, source, channel, forwarding.apply(channel), new Ejection(ejection),
        this::othersHeardAfter);
    backend.watchConnectivity();
    return backend;
  }

  private boolean othersHeardAfter(Backend self, long nanos) {
    for (Backend backend : snapshot) {
      if (backend != self && backend.heardAfter(nanos)) {
        return true;
      }
    }
    return false;
  }

  private void publish() {
    snapshot = byAddress.values().stream().sorted(Comparator.comparing(Backend::address)).toList();
  }

  /** Shuts every channel down, waiting up to {@code graceMillis} for calls in flight. */
  public void close(long graceMillis) throws InterruptedException {
    List<ManagedChannel> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(retired);
      byAddress.values().forEach(b -> all.add(b.channel()));
    }
    all.forEach(ManagedChannel::shutdown);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
    for (ManagedChannel channel : all) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!channel.awaitTermination(left, TimeUnit.NANOSECONDS)) {
        channel.shutdownNow();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    close(0);
  }
}
