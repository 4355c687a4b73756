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
 * allowDirect} says so (development, the fixture tools) and nothing otherwise.
 */
public final class ProxyPools {
  private ProxyPools() {}

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
    return new ProxyPool(source, ProxyPoolConfig.defaults().withAllowDirect(allowDirect), clock);
  }
}
