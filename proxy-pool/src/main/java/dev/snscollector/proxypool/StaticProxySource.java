package dev.snscollector.proxypool;

import java.util.List;

/** A fixed list of proxies. An empty list means DIRECT mode if the pool allows it. */
public final class StaticProxySource implements ProxySource {
  private final List<ProxyEndpoint> endpoints;

  public StaticProxySource(List<ProxyEndpoint> endpoints) {
    this.endpoints = List.copyOf(endpoints);
  }

  public static StaticProxySource of(ProxyEndpoint... endpoints) {
    return new StaticProxySource(List.of(endpoints));
  }

  @Override
  public List<ProxyEndpoint> endpoints() {
    return endpoints;
  }
}
