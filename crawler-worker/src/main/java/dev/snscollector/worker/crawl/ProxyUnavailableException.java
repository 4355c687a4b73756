package dev.snscollector.worker.crawl;

import dev.snscollector.worker.route.RouteUnavailableException;

/**
 * No healthy proxy could be leased for the target right now: the job is released for later, never
 * failed (the pool's cooldowns and circuit breakers will have let one back by then).
 */
public final class ProxyUnavailableException extends RouteUnavailableException {
  private static final long serialVersionUID = 1L;

  private final String domain;

  public ProxyUnavailableException(String domain) {
    super("no healthy proxy for " + domain + " right now", "no_proxy", null);
    this.domain = domain;
  }

  public String domain() {
    return domain;
  }
}
