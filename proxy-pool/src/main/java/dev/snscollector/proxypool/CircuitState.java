package dev.snscollector.proxypool;

/** A proxy's circuit breaker. */
public enum CircuitState {
  /** Leases flow. */
  CLOSED,
  /** Too many consecutive connect failures or timeouts: no leases until the open duration ends. */
  OPEN,
  /** One trial lease at a time; success closes the circuit, failure opens it again. */
  HALF_OPEN
}
