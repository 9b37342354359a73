package dev.convoy.router.fault;

import java.util.function.LongPredicate;

/**
 * Notices a hung backend from its own calls: one that has had a watched call outstanding for
 * {@code stallNanos} without answering anything at all in that time, while another backend did
 * answer, is <em>suspect</em>. Silence alone is not enough: when every backend is quiet the cause
 * is more likely shared (a flood saturating them all, a starved machine), and taking the only
 * ones there are out of rotation would not serve anyone sooner. A call
 * is watched when its deadline leaves at least the stall timeout (or it has none), so a
 * client's own very short deadlines are never taken for a hung backend; any answer (a
 * response, headers, a status the backend sent) proves it alive.
 *
 * <p>A suspect may just be slow (a long queue delay, a long model run, nothing else to answer
 * meanwhile), so the caller confirms with one cheap liveness probe: {@link #alive} clears the
 * suspicion for another stall timeout, {@link #dead} ends it (the caller ejects). While
 * suspect, the backend should get no new calls.
 *
 * <p>A pure state machine over the caller's nanosecond readings. Thread-safe.
 */
public final class StallWatch {
  private final long stallNanos;
  private int watched; // guarded by this
  private long quietSince; // guarded by this: the later of the last answer and when watched left 0
  private long lastHeard; // guarded by this
  private boolean heardAny; // guarded by this
  private boolean probing; // guarded by this

  /** @param stallNanos 0 turns detection off */
  public StallWatch(long stallNanos) {
    this.stallNanos = stallNanos;
  }

  /** Whether a call with {@code remainingNanos} left to its deadline (negative: none) is watched. */
  public boolean watches(long remainingNanos) {
    return stallNanos > 0 && (remainingNanos < 0 || remainingNanos >= stallNanos);
  }

  /** How long a liveness probe may take: half the stall timeout, so a hung backend is out within 1.5 of them. */
  public long probeTimeoutNanos() {
    return Math.max(1, stallNanos / 2);
  }

  /** A watched call was sent. */
  public synchronized void sent(long now) {
    if (watched++ == 0) {
      quietSince = now;
    }
  }

  /** A watched call ended, however it ended. */
  public synchronized void ended() {
    watched--;
  }

  /** The backend answered something: it is alive. */
  public synchronized void heard(long now) {
    quietSince = Math.max(quietSince, now);
    lastHeard = heardAny ? Math.max(lastHeard, now) : now;
    heardAny = true;
    probing = false;
  }

  /** Whether the backend answered anything after {@code nanos}. */
  public synchronized boolean heardAfter(long nanos) {
    return heardAny && lastHeard - nanos > 0;
  }

  /**
   * A watched call has waited the stall timeout, the backend has said nothing since, and some
   * other backend has: {@code othersHeardAfter} tells, for a reading, whether another answered
   * after it. It is called without this watch's lock held, so it may read other watches.
   */
  public boolean suspect(long now, LongPredicate othersHeardAfter) {
    long silentSince;
    synchronized (this) {
      if (watched == 0 || now - quietSince < stallNanos) {
        return false;
      }
      silentSince = quietSince;
    }
    return othersHeardAfter.test(silentSince);
  }

  /** True, once per suspicion, when the caller should send a liveness probe now. */
  public boolean startProbe(long now, LongPredicate othersHeardAfter) {
    if (!suspect(now, othersHeardAfter)) {
      return false;
    }
    synchronized (this) {
      if (probing) {
        return false;
      }
      probing = true;
      return true;
    }
  }

  /** The probe started at {@code probeStart} was answered: not hung, suspect again only after another quiet stall timeout. */
  public synchronized void alive(long probeStart) {
    heard(probeStart);
  }

  /** The probe went unanswered: hung. The suspicion ends; the caller ejects the backend. */
  public synchronized void dead(long now) {
    probing = false;
    quietSince = now;
  }
}
