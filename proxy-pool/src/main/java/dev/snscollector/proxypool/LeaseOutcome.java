package dev.snscollector.proxypool;

/** What happened to a fetch made through a lease. */
public enum LeaseOutcome {
  /** The target answered normally. */
  OK,
  /** The target blocked this proxy (ban page, captcha, 403 wall): cool the proxy down for it. */
  BANNED,
  /** The target asked to slow down (429 and the like): cool down, honouring a retry-after hint. */
  RATE_LIMITED,
  /** No answer in time: counts towards the proxy's circuit breaker. */
  TIMED_OUT,
  /** The proxy could not be reached or refused the tunnel: counts towards the circuit breaker. */
  CONNECT_FAILED
}
