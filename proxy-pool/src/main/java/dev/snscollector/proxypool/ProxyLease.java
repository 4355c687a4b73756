package dev.snscollector.proxypool;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One proxy lent for one fetch. Always {@link #release release} it with the fetch's outcome (in a
 * {@code finally}); the outcome is what teaches the pool about bans. A second release is ignored.
 */
public final class ProxyLease {
  private final ProxyPool pool;
  private final ProxyState state;
  private final ProxyEndpoint endpoint;
  private final String targetDomain;
  private final boolean trial;
  private final AtomicBoolean released = new AtomicBoolean();

  ProxyLease(
      ProxyPool pool,
      ProxyState state,
      ProxyEndpoint endpoint,
      String targetDomain,
      boolean trial) {
    this.pool = pool;
    this.state = state;
    this.endpoint = endpoint;
    this.targetDomain = targetDomain;
    this.trial = trial;
  }

  /** The proxy to use, with credentials (for a rotating gateway, the session's user name). */
  public ProxyEndpoint endpoint() {
    return endpoint;
  }

  /** The stable id health is kept under (a rotating gateway's base id, not the session's). */
  public String proxyId() {
    return state.id();
  }

  /** The domain this lease is for, lower-cased. */
  public String targetDomain() {
    return targetDomain;
  }

  boolean trial() {
    return trial;
  }

  ProxyState state() {
    return state;
  }

  /** Returns the lease with the fetch's outcome and how long it took. */
  public void release(LeaseOutcome outcome, Duration latency) {
    release(outcome, latency, null);
  }

  /**
   * Returns the lease with the fetch's outcome, how long it took, and for {@link
   * LeaseOutcome#RATE_LIMITED} the target's retry-after hint (the cooldown is at least that long,
   * up to the configured cap).
   */
  public void release(LeaseOutcome outcome, Duration latency, @Nullable Duration retryAfter) {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(latency, "latency");
    if (released.compareAndSet(false, true)) {
      pool.release(this, outcome, latency, retryAfter);
    }
  }

  @Override
  public String toString() {
    return "ProxyLease[" + endpoint + " for " + targetDomain + "]";
  }
}
