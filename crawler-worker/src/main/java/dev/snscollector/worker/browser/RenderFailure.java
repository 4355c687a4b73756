package dev.snscollector.worker.browser;

import dev.snscollector.proxypool.LeaseOutcome;

/**
 * Why a page could not be rendered, told by a slot's thread to the caller: the outcome to return
 * the proxy lease with and a reason free of URLs (Playwright's own messages repeat the URL, which
 * may carry a key, so they are never passed on).
 */
final class RenderFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final LeaseOutcome outcome;
  private final String reason;

  RenderFailure(LeaseOutcome outcome, String reason) {
    super(reason, null, false, false);
    this.outcome = outcome;
    this.reason = reason;
  }

  String reason() {
    return reason;
  }

  LeaseOutcome outcome() {
    return outcome;
  }
}
