package dev.snscollector.worker.crawl;

import dev.snscollector.contracts.EnvSettings;
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
    EnvSettings r = new EnvSettings(env, "proxy pool");
    ProxyPoolConfig config = config(r, allowDirect);
    r.throwIfInvalid();
    return new ProxyPool(source, config, clock);
  }

  /**
   * The pool's tuning {@code r} describes ({@code PROXY_*}); its problems are left in {@code r}.
   */
  public static ProxyPoolConfig config(EnvSettings r, boolean allowDirect) {
    ProxyPoolConfig d = ProxyPoolConfig.defaults();
    Duration cooldown = r.millis("PROXY_COOLDOWN_MILLIS", d.cooldownBase(), 0, Integer.MAX_VALUE);
    Duration cooldownMax =
        r.millis("PROXY_COOLDOWN_MAX_MILLIS", d.cooldownMax(), 0, Integer.MAX_VALUE);
    return d.withAllowDirect(allowDirect)
        .withPerDomainInterval(
            r.millis("PROXY_DOMAIN_INTERVAL_MILLIS", d.perDomainInterval(), 0, Integer.MAX_VALUE))
        .withCooldown(cooldown, cooldown.compareTo(cooldownMax) > 0 ? cooldown : cooldownMax)
        .withMaxLeasesPerProxy(r.integer("PROXY_MAX_LEASES", d.maxLeasesPerProxy(), 1, 10_000));
  }
}
