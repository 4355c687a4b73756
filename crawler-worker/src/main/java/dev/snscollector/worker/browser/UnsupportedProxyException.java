package dev.snscollector.worker.browser;

/**
 * The leased proxy cannot carry a browser: Chromium does not authenticate to SOCKS5 proxies, so a
 * {@code socks5://user:pass@host:port} proxy only serves the crawl route. Not transient: the
 * browser route should be skipped (or the pool given HTTP proxies) rather than retried.
 */
public final class UnsupportedProxyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String proxyId;

  public UnsupportedProxyException(String proxyId) {
    super(
        "Chromium cannot authenticate to SOCKS5 proxies ("
            + proxyId
            + "): give the browser route HTTP proxies");
    this.proxyId = proxyId;
  }

  /** The proxy's id (scheme, user, host, port; never the password). */
  public String proxyId() {
    return proxyId;
  }
}
