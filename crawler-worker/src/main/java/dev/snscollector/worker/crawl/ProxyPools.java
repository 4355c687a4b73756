package dev.snscollector.worker.crawl;

import dev.snscollector.proxypool.FileProxySource;
import dev.snscollector.proxypool.ProxyEndpoint;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.proxypool.ProxyPoolConfig;
import dev.snscollector.proxypool.ProxySource;
import dev.snscollector.proxypool.StaticProxySource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the proxy pool from the environment: {@code PROXIES} (comma-separated proxy URIs, e.g.
 * {@code http://user:pass@host:3128,socks5://host:1080}) or {@code PROXY_FILE} (one URI per line,
 * reloaded when it changes). With neither, the pool leases the direct route when {@code
 * allowDirect} says so (development, the fixture tools) and nothing otherwise. Tuning: {@code
 * PROXY_DOMAIN_INTERVAL_MILLIS} (politeness per proxy and site), {@code PROXY_COOLDOWN_MILLIS} and
 * {@code PROXY_COOLDOWN_MAX_MILLIS} (first cooldown after a ban, doubling with each ban up to the
 * cap), {@code PROXY_MAX_LEASES} (concurrent fetches per proxy).
 */
public final class ProxyPools {
  private ProxyPools() {}

  /** Whether the settings give the crawl anything to go through: proxies, or the direct route. */
  public static boolean configured(Map<String, String> env, boolean allowDirect) {
    return allowDirect
        || !env.getOrDefault("PROXIES", "").isBlank()
        || !env.getOrDefault("PROXY_FILE", "").isBlank();
  }

  public static ProxyPool fromEnvironment(
      Map<String, String> env, Clock clock, boolean allowDirect) {
    ProxySource source;
    String inline = env.get("PROXIES");
    String file = env.get("PROXY_FILE");
    if (inline != null && !inline.isBlank()) {
      List<ProxyEndpoint> endpoints = new ArrayList<>();
      for (String uri : inline.split(",")) {
        if (!uri.isBlank()) {
          endpoints.add(ProxyEndpoint.parse(uri.strip()));
        }
      }
      source = new StaticProxySource(endpoints);
    } else if (file != null && !file.isBlank()) {
      source = new FileProxySource(Path.of(file), clock, Duration.ofSeconds(10));
    } else {
      source = new StaticProxySource(List.of());
    }
    ProxyPoolConfig config = ProxyPoolConfig.defaults().withAllowDirect(allowDirect);
    config =
        config.withPerDomainInterval(
            millis(env, "PROXY_DOMAIN_INTERVAL_MILLIS", config.perDomainInterval()));
    Duration cooldown = millis(env, "PROXY_COOLDOWN_MILLIS", config.cooldownBase());
    Duration cooldownMax = millis(env, "PROXY_COOLDOWN_MAX_MILLIS", config.cooldownMax());
    config =
        config.withCooldown(cooldown, cooldown.compareTo(cooldownMax) > 0 ? cooldown : cooldownMax);
    String maxLeases = env.get("PROXY_MAX_LEASES");
    if (maxLeases != null && !maxLeases.isBlank()) {
      config = config.withMaxLeasesPerProxy(Integer.parseInt(maxLeases.strip()));
    }
    return new ProxyPool(source, config, clock);
  }

  private static Duration millis(Map<String, String> env, String name, Duration fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Duration.ofMillis(Long.parseLong(v.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + "=" + v + " is not a number of milliseconds", e);
    }
  }
}
