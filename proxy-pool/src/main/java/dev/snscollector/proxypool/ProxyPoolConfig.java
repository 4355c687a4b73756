package dev.snscollector.proxypool;

import java.time.Duration;
import java.util.Objects;

/**
 * How the pool treats proxies. Immutable; start from {@link #defaults()} and change fields with the
 * {@code with…} methods.
 *
 * @param maxLeasesPerProxy concurrent leases per proxy (default 4)
 * @param perDomainInterval politeness: minimum time between two leases for the same domain through
 *     the same proxy (default 2 s)
 * @param cooldownBase cooldown of a proxy for a domain after its first ban or rate limit (default 1
 *     min); doubles with each further one
 * @param cooldownMax cap on the cooldown and on a retry-after hint (default 30 min)
 * @param successesToResetBackoff consecutive successes for a domain that reset the backoff to
 *     {@code cooldownBase} (default 3)
 * @param circuitFailureThreshold consecutive connect failures or timeouts that open a proxy's
 *     circuit (default 3)
 * @param circuitOpenDuration how long an open circuit stays open before one trial lease (default 30
 *     s)
 * @param ewmaAlpha weight of the newest sample in the success-rate and latency averages (default
 *     0.2)
 * @param latencyReference latency that halves a proxy's health score (default 1 s)
 * @param maxStickySessions sticky sessions remembered, least recently used forgotten first (default
 *     10,000)
 * @param allowDirect when the source has no proxies, lease the direct route instead of nothing
 *     (default false: a production pool whose file empties must not leak the worker's own IP)
 */
public record ProxyPoolConfig(
    int maxLeasesPerProxy,
    Duration perDomainInterval,
    Duration cooldownBase,
    Duration cooldownMax,
    int successesToResetBackoff,
    int circuitFailureThreshold,
    Duration circuitOpenDuration,
    double ewmaAlpha,
    Duration latencyReference,
    int maxStickySessions,
    boolean allowDirect) {

  public ProxyPoolConfig {
    Objects.requireNonNull(perDomainInterval);
    Objects.requireNonNull(cooldownBase);
    Objects.requireNonNull(cooldownMax);
    Objects.requireNonNull(circuitOpenDuration);
    Objects.requireNonNull(latencyReference);
    if (maxLeasesPerProxy < 1
        || successesToResetBackoff < 1
        || circuitFailureThreshold < 1
        || maxStickySessions < 1) {
      throw new IllegalArgumentException("counts must be at least 1");
    }
    if (perDomainInterval.isNegative()
        || cooldownBase.isNegative()
        || cooldownMax.compareTo(cooldownBase) < 0
        || circuitOpenDuration.isNegative()
        || latencyReference.isNegative()
        || latencyReference.isZero()) {
      throw new IllegalArgumentException(
          "durations must not be negative, cooldownMax >= cooldownBase, latencyReference > 0");
    }
    if (!(ewmaAlpha > 0 && ewmaAlpha <= 1)) {
      throw new IllegalArgumentException("ewmaAlpha must be in (0, 1]");
    }
  }

  public static ProxyPoolConfig defaults() {
    return new ProxyPoolConfig(
        4,
        Duration.ofSeconds(2),
        Duration.ofMinutes(1),
        Duration.ofMinutes(30),
        3,
        3,
        Duration.ofSeconds(30),
        0.2,
        Duration.ofSeconds(1),
        10_000,
        false);
  }

  public ProxyPoolConfig withMaxLeasesPerProxy(int value) {
    return new ProxyPoolConfig(
        value,
        perDomainInterval,
        cooldownBase,
        cooldownMax,
        successesToResetBackoff,
        circuitFailureThreshold,
        circuitOpenDuration,
        ewmaAlpha,
        latencyReference,
        maxStickySessions,
        allowDirect);
  }

  public ProxyPoolConfig withPerDomainInterval(Duration value) {
    return new ProxyPoolConfig(
        maxLeasesPerProxy,
        value,
        cooldownBase,
        cooldownMax,
        successesToResetBackoff,
        circuitFailureThreshold,
        circuitOpenDuration,
        ewmaAlpha,
        latencyReference,
        maxStickySessions,
        allowDirect);
  }

  public ProxyPoolConfig withCooldown(Duration base, Duration max) {
    return new ProxyPoolConfig(
        maxLeasesPerProxy,
        perDomainInterval,
        base,
        max,
        successesToResetBackoff,
        circuitFailureThreshold,
        circuitOpenDuration,
        ewmaAlpha,
        latencyReference,
        maxStickySessions,
        allowDirect);
  }

  public ProxyPoolConfig withSuccessesToResetBackoff(int value) {
    return new ProxyPoolConfig(
        maxLeasesPerProxy,
        perDomainInterval,
        cooldownBase,
        cooldownMax,
        value,
        circuitFailureThreshold,
        circuitOpenDuration,
        ewmaAlpha,
        latencyReference,
        maxStickySessions,
        allowDirect);
  }

  public ProxyPoolConfig withCircuit(int failureThreshold, Duration openDuration) {
    return new ProxyPoolConfig(
        maxLeasesPerProxy,
        perDomainInterval,
        cooldownBase,
        cooldownMax,
        successesToResetBackoff,
        failureThreshold,
        openDuration,
        ewmaAlpha,
        latencyReference,
        maxStickySessions,
        allowDirect);
  }

  public ProxyPoolConfig withAllowDirect(boolean value) {
    return new ProxyPoolConfig(
        maxLeasesPerProxy,
        perDomainInterval,
        cooldownBase,
        cooldownMax,
        successesToResetBackoff,
        circuitFailureThreshold,
        circuitOpenDuration,
        ewmaAlpha,
        latencyReference,
        maxStickySessions,
        value);
  }
}
