package dev.snscollector.worker.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test sets and moves by hand: cooldowns, windows and quotas without waiting. A {@link
 * #ticking} one runs on in real time from wherever it was set, for a running worker whose timeouts
 * and heartbeats need time to pass.
 */
public final class MutableClock extends Clock {
  private final boolean ticking;
  private volatile Instant now;
  private volatile Duration offset = Duration.ZERO;

  public MutableClock(Instant now) {
    this.ticking = false;
    this.now = now;
  }

  public MutableClock() {
    this(Instant.parse("2026-03-01T00:00:00Z"));
  }

  private MutableClock(boolean ticking) {
    this.ticking = ticking;
    this.now = Instant.EPOCH;
  }

  /** The system's time until {@link #set} or {@link #advance} move it, running on from there. */
  public static MutableClock ticking() {
    return new MutableClock(true);
  }

  public void set(Instant instant) {
    if (ticking) {
      offset = Duration.between(Instant.now(), instant);
    } else {
      now = instant;
    }
  }

  public void advance(Duration by) {
    if (ticking) {
      offset = offset.plus(by);
    } else {
      now = now.plus(by);
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return ticking ? Instant.now().plus(offset) : now;
  }
}
