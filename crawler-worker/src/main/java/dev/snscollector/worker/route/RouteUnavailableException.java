package dev.snscollector.worker.route;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The job cannot run now for a reason that is not the job's and not its platform's answer: no proxy
 * is healthy for its site, or every route it could take is open in its circuit breaker. The job
 * goes back on the queue as a fresh message, delayed, without spending one of its receives.
 */
public class RouteUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final @Nullable Duration wait;

  /**
   * @param reason the metric label ({@code no_proxy}, {@code breaker_open})
   * @param wait how long the cause is known to last, or null for the configured deferral
   */
  public RouteUnavailableException(String message, String reason, @Nullable Duration wait) {
    super(message);
    this.reason = reason;
    this.wait = wait;
  }

  public String reason() {
    return reason;
  }

  public @Nullable Duration waitHint() {
    return wait;
  }
}
