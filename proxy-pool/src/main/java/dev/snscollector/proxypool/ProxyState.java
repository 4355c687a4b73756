package dev.snscollector.proxypool;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Mutable state of one proxy. Guarded by the owning {@link ProxyPool}'s lock. */
final class ProxyState {

  /** Health of one proxy for one target domain. */
  static final class DomainHealth {
    double successEwma = 1.0;
    double latencyEwmaMillis = -1;
    int backoffLevel;
    int consecutiveSuccesses;
    @Nullable Instant cooldownUntil;
    @Nullable Instant lastLeasedAt;
  }

  private final String id;
  private final Map<String, DomainHealth> domains = new HashMap<>();
  long leases;
  long successes;
  long bans;
  long rateLimits;
  long failures;
  int inFlight;
  int consecutiveFailures;
  CircuitState circuit = CircuitState.CLOSED;
  @Nullable Instant circuitOpenedAt;
  boolean trialInFlight;
  @Nullable Instant lastLeasedAt;

  ProxyState(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  DomainHealth domain(String domain) {
    return domains.computeIfAbsent(domain, d -> new DomainHealth());
  }

  /** Not cooling down for the domain and the circuit lets leases through (moves OPEN→HALF_OPEN). */
  boolean healthyFor(String domain, Instant now, ProxyPoolConfig config) {
    if (circuit == CircuitState.OPEN) {
      Instant openedAt = circuitOpenedAt;
      if (openedAt != null && now.isBefore(openedAt.plus(config.circuitOpenDuration()))) {
        return false;
      }
      circuit = CircuitState.HALF_OPEN;
    }
    Instant cooldown = domain(domain).cooldownUntil;
    return cooldown == null || !now.isBefore(cooldown);
  }

  /** Healthy, and a lease now would respect the concurrency cap and the domain's politeness. */
  boolean leasableNow(String domain, Instant now, ProxyPoolConfig config) {
    if (inFlight >= config.maxLeasesPerProxy()) {
      return false;
    }
    if (circuit == CircuitState.HALF_OPEN && trialInFlight) {
      return false;
    }
    Instant last = domain(domain).lastLeasedAt;
    return last == null || !now.isBefore(last.plus(config.perDomainInterval()));
  }

  double score(String domain, ProxyPoolConfig config) {
    DomainHealth health = domain(domain);
    double latencyFactor =
        health.latencyEwmaMillis < 0
            ? 1.0
            : 1.0 / (1.0 + health.latencyEwmaMillis / config.latencyReference().toMillis());
    return health.successEwma * latencyFactor;
  }

  /** Records a granted lease; returns whether it is the half-open circuit's trial. */
  boolean onLease(String domain, Instant now) {
    leases++;
    inFlight++;
    lastLeasedAt = now;
    domain(domain).lastLeasedAt = now;
    if (circuit == CircuitState.HALF_OPEN) {
      trialInFlight = true;
      return true;
    }
    return false;
  }

  /** Applies a released lease's outcome; returns whether the circuit opened because of it. */
  boolean onRelease(
      String domain,
      boolean trial,
      LeaseOutcome outcome,
      Duration latency,
      @Nullable Duration retryAfter,
      Instant now,
      ProxyPoolConfig config) {
    inFlight = Math.max(0, inFlight - 1);
    if (trial) {
      trialInFlight = false;
    }
    DomainHealth health = domain(domain);
    double alpha = config.ewmaAlpha();
    health.successEwma =
        alpha * (outcome == LeaseOutcome.OK ? 1.0 : 0.0) + (1 - alpha) * health.successEwma;
    if (outcome == LeaseOutcome.OK) {
      double millis = Math.max(0, latency.toMillis());
      health.latencyEwmaMillis =
          health.latencyEwmaMillis < 0
              ? millis
              : alpha * millis + (1 - alpha) * health.latencyEwmaMillis;
    }
    switch (outcome) {
      case OK -> {
        successes++;
        consecutiveFailures = 0;
        circuit = CircuitState.CLOSED;
        health.consecutiveSuccesses++;
        if (health.consecutiveSuccesses >= config.successesToResetBackoff()) {
          health.backoffLevel = 0;
        }
      }
      case BANNED, RATE_LIMITED -> {
        if (outcome == LeaseOutcome.BANNED) {
          bans++;
        } else {
          rateLimits++;
        }
        // The target answered, so the proxy itself is reachable.
        consecutiveFailures = 0;
        circuit = CircuitState.CLOSED;
        health.consecutiveSuccesses = 0;
        Duration cooldown = backoff(health.backoffLevel, config);
        health.backoffLevel++;
        if (outcome == LeaseOutcome.RATE_LIMITED && retryAfter != null) {
          Duration hint = min(retryAfter, config.cooldownMax());
          cooldown = cooldown.compareTo(hint) >= 0 ? cooldown : hint;
        }
        Instant until = now.plus(cooldown);
        Instant previous = health.cooldownUntil;
        health.cooldownUntil = previous != null && previous.isAfter(until) ? previous : until;
      }
      case TIMED_OUT, CONNECT_FAILED -> {
        failures++;
        consecutiveFailures++;
        health.consecutiveSuccesses = 0;
        boolean open =
            (trial && circuit == CircuitState.HALF_OPEN)
                || (circuit == CircuitState.CLOSED
                    && consecutiveFailures >= config.circuitFailureThreshold());
        if (open) {
          circuit = CircuitState.OPEN;
          circuitOpenedAt = now;
          return true;
        }
      }
    }
    return false;
  }

  static Duration backoff(int level, ProxyPoolConfig config) {
    Duration cooldown = config.cooldownBase();
    for (int i = 0; i < level && cooldown.compareTo(config.cooldownMax()) < 0; i++) {
      cooldown = cooldown.multipliedBy(2);
    }
    return min(cooldown, config.cooldownMax());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  ProxyStats snapshot(Instant now) {
    Instant latest = null;
    for (DomainHealth health : domains.values()) {
      Instant until = health.cooldownUntil;
      if (until != null && until.isAfter(now) && (latest == null || until.isAfter(latest))) {
        latest = until;
      }
    }
    return new ProxyStats(
        id, leases, successes, bans, rateLimits, failures, inFlight, circuit, latest);
  }
}
