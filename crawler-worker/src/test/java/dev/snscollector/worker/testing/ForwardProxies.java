package dev.snscollector.worker.testing;

import dev.snscollector.fixtures.LocalForwardProxy;
import dev.snscollector.proxypool.ProxyEndpoint;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.proxypool.ProxyPoolConfig;
import dev.snscollector.proxypool.StaticProxySource;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/** A proxy pool over real forward proxies on 127.0.0.1, as the ban tests use it. */
public final class ForwardProxies {
  private ForwardProxies() {}

  /**
   * The pool of {@code proxies}, in order, without politeness delays; a ban cools a proxy down for
   * one minute, doubling up to ten, by {@code clock}.
   */
  public static ProxyPool pool(Clock clock, LocalForwardProxy... proxies) {
    return new ProxyPool(
        new StaticProxySource(
            Arrays.stream(proxies).map(p -> ProxyEndpoint.http("127.0.0.1", p.port())).toList()),
        ProxyPoolConfig.defaults()
            .withPerDomainInterval(Duration.ZERO)
            .withCooldown(Duration.ofMinutes(1), Duration.ofMinutes(10)),
        clock);
  }
}
