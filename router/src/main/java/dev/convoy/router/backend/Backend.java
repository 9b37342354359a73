package dev.convoy.router.backend;

import dev.convoy.router.balance.Candidate;
import dev.convoy.router.config.BackendKind;
import dev.convoy.router.config.BackendTarget;
import dev.convoy.router.fault.Ejection;
import dev.convoy.router.fault.Outcomes;
import dev.convoy.router.fault.StallWatch;
import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inference server behind the router: its channel, what its probes found (health and
 * served models), its load and counters, and its ejection state.
 *
 * <p>Thread-safe. Probe results carry a generation so that a result that arrives after a newer
 * probe started, or after the connection failed, is dropped.
 */
public final class Backend implements Candidate {
  private static final Logger log = LoggerFactory.getLogger(Backend.class);

  private final BackendTarget target;
  private final String source;
  private final ManagedChannel channel;
  private final Channel calls;
  private final Ejection ejection;
  private final StallWatch stall;
  /** Whether another backend answered after a reading: made once, read on every routing decision. */
  private final LongPredicate othersHeardAfter;
  /** Ejected for hanging: comes back only once a liveness check is answered, not when the ejection ends. */
  private final AtomicBoolean provenHung = new AtomicBoolean();
  private final AtomicBoolean recheckInFlight = new AtomicBoolean();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong generation = new AtomicLong();
  private volatile Health health = new Health(false, "not probed yet");
  private volatile ModelTable models = ModelTable.EMPTY;
  private volatile boolean indexed;

  private record Health(boolean healthy, String reason) {}

  /** A backend on its own: with no peers, silence never makes it suspect. */
  public Backend(BackendTarget target, String source, ManagedChannel channel, Ejection ejection) {
    this(target, source, channel, channel, ejection, Peers.NONE);
  }

  /**
   * @param source {@code static} or {@code dns:<name>}
   * @param calls what forwarded calls are made on: {@code channel}, traced
   * @param peers the router's other backends, whose answers make this one's silence suspect
   */
  public Backend(BackendTarget target, String source, ManagedChannel channel, Channel calls, Ejection ejection,
      Peers peers) {
    this.target = target;
    this.source = source;
    this.channel = channel;
    this.calls = calls;
    this.ejection = ejection;
    this.othersHeardAfter = nanos -> peers.heardAfter(this, nanos);
    this.stall = new StallWatch(ejection.settings().stallTimeout().toNanos());
  }

  /** Starts marking the backend unhealthy as soon as its connection fails. */
  public void watchConnectivity() {
    ConnectivityState state = channel.getState(false);
    if (state == ConnectivityState.TRANSIENT_FAILURE) {
      markUnhealthy("connection failed");
    }
    if (state != ConnectivityState.SHUTDOWN) {
      channel.notifyWhenStateChanged(state, this::watchConnectivity);
    }
  }

  public String address() {
    return target.address();
  }

  public String source() {
    return source;
  }

  /** The connection: probes, connectivity and shutdown. */
  public ManagedChannel channel() {
    return channel;
  }

  /** Where the calls forwarded to this backend go: the channel, traced when the router is. */
  public Channel calls() {
    return calls;
  }

  @Override
  public int outstanding() {
    return outstanding.get();
  }

  @Override
  public int weight() {
    return target.weight();
  }

  @Override
  public BackendKind kind() {
    return target.kind();
  }

  /** Ejections since the backend was added. */
  public long ejections() {
    return ejection.ejections();
  }

  /** A request was sent to this backend. */
  public void acquire() {
    outstanding.incrementAndGet();
  }

  /** {@code count} requests sent to this backend are answered or abandoned. */
  public void release(int count) {
    outstanding.addAndGet(-count);
  }

  /**
   * A unary request was sent with {@code remainingNanos} left to its deadline (negative: none);
   * true when the stall watch follows it, and then {@link #unwatch} must follow when it ends.
   */
  public boolean watch(long remainingNanos, long nowNanos) {
    if (!stall.watches(remainingNanos)) {
      return false;
    }
    stall.sent(nowNanos);
    return true;
  }

  /** A watched request ended, however it ended. */
  public void unwatch() {
    stall.ended();
  }

  /** The backend sent something (headers, a response, a status of its own, a probe answer). */
  public void heard(long nowNanos) {
    stall.heard(nowNanos);
  }

  /** A unary call ended: counts it and feeds ejection. Does not release it. */
  public void onCallClosed(Status.Code code, long nowNanos) {
    if (code != Status.Code.DEADLINE_EXCEEDED && code != Status.Code.CANCELLED) {
      // Those two may be the router's own doing (the deadline timer, the client leaving).
      stall.heard(nowNanos);
    }
    if (code == Status.Code.OK) {
      served.incrementAndGet();
    } else if (code != Status.Code.CANCELLED) {
      failed.incrementAndGet();
    }
    feedEjection(code, nowNanos);
  }

  private void feedEjection(Status.Code code, long nowNanos) {
    switch (Outcomes.classify(code)) {
      case FAULT -> {
        if (ejection.onFault(nowNanos)) {
          log.warn("backend {} ejected for {} ms after repeated failures (last: {})", address(),
              ejection.remainingNanos(nowNanos) / 1_000_000, code);
        }
      }
      case HEALTHY -> ejection.onHealthy(nowNanos);
      case NEUTRAL -> { }
    }
  }

  /**
   * Healthy, not ejected and not suspected of hanging: may take requests for its models. A
   * backend silent while a call waits on it and another backend answers gets one liveness
   * probe; unanswered, it is ejected.
   */
  public boolean routable(long nowNanos) {
    boolean suspect = stall.suspect(nowNanos, othersHeardAfter);
    if (suspect && stall.startProbe(nowNanos, othersHeardAfter)) {
      probeLiveness(nowNanos);
    }
    boolean ejected = ejection.isEjected(nowNanos);
    if (provenHung.get() && !ejected) {
      if (recheckInFlight.compareAndSet(false, true)) {
        probeLiveness(nowNanos);
      }
      return false;
    }
    return health.healthy() && !ejected && !suspect;
  }

  /** Whether this backend answered anything after the ticker read {@code nanos}. */
  boolean heardAfter(long nanos) {
    return stall.heardAfter(nanos);
  }

  /** A health check bounded by half the stall timeout: a hung process cannot answer it. */
  private void probeLiveness(long startNanos) {
    long timeout = stall.probeTimeoutNanos();
    HealthGrpc.newStub(channel).withDeadlineAfter(timeout, TimeUnit.NANOSECONDS)
        .check(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {
          @Override
          public void onNext(HealthCheckResponse response) {
            stall.alive(startNanos);
            provenHung.set(false);
            recheckInFlight.set(false);
          }

          @Override
          public void onError(Throwable t) {
            long now = startNanos + timeout;
            stall.dead(now);
            provenHung.set(true);
            recheckInFlight.set(false);
            if (ejection.ejectNow(now)) {
              log.warn("backend {} ejected for {} ms: a call waited {} ms with no answer from it, and a health"
                  + " check got none in {} ms", address(), ejection.remainingNanos(now) / 1_000_000,
                  ejection.settings().stallTimeout().toMillis(), TimeUnit.NANOSECONDS.toMillis(timeout));
            }
          }

          @Override
          public void onCompleted() { }
        });
  }

  public boolean healthy() {
    return health.healthy();
  }

  /** @param version empty: any ready version */
  public boolean serves(String model, String version) {
    return models.serves(model, version);
  }

  /**
   * Whether the backend may serve {@code model} ({@code version}): its last repository index
   * lists it in any state, or it has not answered an index yet (so nothing is known).
   */
  public boolean mayServe(String model, String version) {
    return !indexed || models.lists(model, version);
  }

  public ModelTable models() {
    return models;
  }

  public BackendState state(long nowNanos) {
    if (ejection.isEjected(nowNanos)) {
      return BackendState.EJECTED;
    }
    return health.healthy() ? BackendState.HEALTHY : BackendState.UNHEALTHY;
  }

  /** Starts a probe; pass the result to {@link #applyProbe} with this generation. */
  long beginProbe() {
    return generation.incrementAndGet();
  }

  /** Applies a probe result unless a newer probe or a connection failure came after it. */
  void applyProbe(long probeGeneration, boolean healthy, String reason, ModelTable probedModels) {
    synchronized (this) {
      if (generation.get() != probeGeneration) {
        return;
      }
      if (probedModels != null) {
        models = probedModels;
        indexed = true;
      }
      setHealth(new Health(healthy, healthy ? "" : reason));
    }
  }

  /** Marks the backend unhealthy at once and drops the results of probes in flight. */
  public void markUnhealthy(String reason) {
    synchronized (this) {
      generation.incrementAndGet();
      setHealth(new Health(false, reason));
    }
  }

  private void setHealth(Health next) {
    Health previous = health;
    health = next;
    if (previous.healthy() != next.healthy()) {
      if (next.healthy()) {
        log.info("backend {} healthy; models {}", address(), models.modelNames());
      } else {
        log.warn("backend {} unhealthy: {}", address(), next.reason());
      }
    }
  }

  public BackendSnapshot snapshot(long nowNanos) {
    BackendState state = state(nowNanos);
    String reason = switch (state) {
      case HEALTHY -> "";
      case UNHEALTHY -> health.reason();
      case EJECTED -> "ejected for another " + ejection.remainingNanos(nowNanos) / 1_000_000 + " ms after repeated failures";
    };
    return new BackendSnapshot(address(), kind(), weight(), state, reason, outstanding(), served.get(), failed.get(),
        models.models(), source, ejection.ejections());
  }

  @Override
  public String toString() {
    return "backend " + address();
  }
}
