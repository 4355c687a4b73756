package dev.snscollector.proxypool;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one proxy's counters, for metrics and logs. Counts are totals since the pool
 * started.
 *
 * @param proxyId the endpoint's {@link ProxyEndpoint#id()} (no password)
 * @param leases leases granted
 * @param successes leases released {@link LeaseOutcome#OK}
 * @param bans leases released {@link LeaseOutcome#BANNED}
 * @param rateLimits leases released {@link LeaseOutcome#RATE_LIMITED}
 * @param failures leases released {@link LeaseOutcome#TIMED_OUT} or {@link
 *     LeaseOutcome#CONNECT_FAILED}
 * @param inFlight leases not yet released
 * @param state the circuit breaker's state
 * @param cooldownUntil the latest end of a cooldown still running for any domain, or null
 */
public record ProxyStats(
    String proxyId,
    long leases,
    long successes,
    long bans,
    long rateLimits,
    long failures,
    int inFlight,
    CircuitState state,
    @Nullable Instant cooldownUntil) {}
