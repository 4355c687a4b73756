package dev.snscollector.proxypool;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashSet;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters per proxy, tagged {@code proxy=<id>} (never a password): counters {@code
 * proxypool.leases}, {@code proxypool.outcomes} (tag {@code outcome}: ok, banned, rate_limited,
 * failed), gauges {@code proxypool.in_flight}, {@code proxypool.circuit_open} (1 when not closed)
 * and {@code proxypool.cooling_down} (1 while cooling down for some domain).
 *
 * <p>Proxies appear over time (a reloaded file), so call {@link #registerNewProxies()} after
 * creating the pool and then now and then (e.g. on each scrape schedule); it is cheap and
 * idempotent. Micrometer is an optional dependency of this module: only users of this class need
 * it.
 */
public final class ProxyPoolMetrics {
  private final ProxyPool pool;
  private final MeterRegistry registry;
  private final Set<String> registered = new HashSet<>();

  public ProxyPoolMetrics(ProxyPool pool, MeterRegistry registry) {
    this.pool = pool;
    this.registry = registry;
    Gauge.builder("proxypool.available", pool, ProxyPoolMetrics::available)
        .description("Proxies neither cooling down for a site nor with an open circuit")
        .register(registry);
  }

  private static double available(ProxyPool pool) {
    return pool.stats().stream()
        .filter(s -> s.state() == CircuitState.CLOSED && s.cooldownUntil() == null)
        .count();
  }

  /** Registers meters for proxies the pool has seen since the last call. */
  public synchronized void registerNewProxies() {
    for (ProxyStats stats : pool.stats()) {
      String id = stats.proxyId();
      if (!registered.add(id)) {
        continue;
      }
      Tags tags = Tags.of("proxy", id);
      counter("proxypool.leases", tags, id, ProxyStats::leases);
      counter("proxypool.outcomes", tags.and("outcome", "ok"), id, ProxyStats::successes);
      counter("proxypool.outcomes", tags.and("outcome", "banned"), id, ProxyStats::bans);
      counter(
          "proxypool.outcomes", tags.and("outcome", "rate_limited"), id, ProxyStats::rateLimits);
      counter("proxypool.outcomes", tags.and("outcome", "failed"), id, ProxyStats::failures);
      gauge("proxypool.in_flight", tags, id, ProxyStats::inFlight);
      gauge("proxypool.circuit_open", tags, id, s -> s.state() == CircuitState.CLOSED ? 0 : 1);
      gauge("proxypool.cooling_down", tags, id, s -> s.cooldownUntil() == null ? 0 : 1);
    }
  }

  private void counter(String name, Tags tags, String id, ToDoubleFunction<ProxyStats> value) {
    FunctionCounter.builder(name, pool, p -> read(p, id, value)).tags(tags).register(registry);
  }

  private void gauge(String name, Tags tags, String id, ToDoubleFunction<ProxyStats> value) {
    Gauge.builder(name, pool, p -> read(p, id, value)).tags(tags).register(registry);
  }

  private static double read(ProxyPool pool, String id, ToDoubleFunction<ProxyStats> value) {
    for (ProxyStats stats : pool.stats()) {
      if (stats.proxyId().equals(id)) {
        return value.applyAsDouble(stats);
      }
    }
    return Double.NaN;
  }
}
