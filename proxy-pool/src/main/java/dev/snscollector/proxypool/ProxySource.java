package dev.snscollector.proxypool;

import java.util.List;

/** Where the pool's proxies come from. Implementations must be safe to call from many threads. */
public interface ProxySource {

  /**
   * The proxies to choose from now. May change between calls (a reloaded file); an empty list means
   * none are configured.
   */
  List<ProxyEndpoint> endpoints();

  /**
   * The endpoint a sticky session should use for {@code endpoint}. Most sources return it as is; a
   * rotating gateway puts the session id in the user name so the session keeps one exit IP.
   */
  default ProxyEndpoint bindSession(ProxyEndpoint endpoint, String sessionKey) {
    return endpoint;
  }
}
