package dev.convoy.router.fault;

/**
 * Notices a hung backend from its own calls: one that has had a watched call outstanding for
 * {@code stallNanos} without answering anything at all in that time is <em>suspect</em>. A call
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
    probing = false;
  }

  /** A watched call has waited the stall timeout and the backend has said nothing since. */
  public synchronized boolean suspect(long now) {
    return watched > 0 && now - quietSince >= stallNanos;
  }

  /** True, once per suspicion, when the caller should send a liveness probe now. */
  public synchronized boolean startProbe(long now) {
    if (probing || !suspect(now)) {
      return false;
    }
    probing = true;
    return true;
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
