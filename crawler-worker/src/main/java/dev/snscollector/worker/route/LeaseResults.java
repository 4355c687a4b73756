package dev.snscollector.worker.route;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.proxypool.LeaseOutcome;
import dev.snscollector.proxypool.ProxyLease;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What a page route tells the proxy pool about a page, shared by the crawl and the browser route.
 *
 * <p>An answer the status already explains (403, 429) goes back at once. Any other page is held
 * until the parsers have read it: a 200 that is a block page, a login wall or a bot check bans the
 * proxy for the site exactly as a 403 does, and a page that says "slow down" rate-limits it ({@link
 * #settle}). One lease is held per session at most; holding the next releases the one before as
 * {@link LeaseOutcome#OK} (a redirect hop the fetcher followed), and {@link #endSession} gives back
 * whatever is still held.
 */
public final class LeaseResults {
  private final Clock clock;
  private final Map<String, Held> held = new ConcurrentHashMap<>();

  public LeaseResults(Clock clock) {
    this.clock = clock;
  }

  /** The one mapping from a page's classification to what it says about the proxy. */
  public static LeaseOutcome of(Outcome outcome) {
    return switch (outcome) {
      case BLOCKED, LOGIN_WALL -> LeaseOutcome.BANNED;
      case RATE_LIMITED -> LeaseOutcome.RATE_LIMITED;
      case OK,
          NOT_FOUND,
          PRIVATE,
          STRUCTURE_CHANGED,
          TOKEN_INVALID,
          INVALID_JOB,
          INTERNAL,
          CANCELLED ->
          LeaseOutcome.OK;
    };
  }

  /**
   * Returns {@code lease} for a fetched page: at once when its status says what happened, else held
   * under {@code session} until {@link #settle} (no session: released as {@link LeaseOutcome#OK},
   * nobody parses for it).
   */
  public void afterFetch(
      ProxyLease lease, Capture page, Duration latency, @Nullable String session) {
    switch (page.status()) {
      case 403 -> lease.release(LeaseOutcome.BANNED, latency);
      case 429 ->
          lease.release(LeaseOutcome.RATE_LIMITED, latency, RetryAfter.of(page, clock.instant()));
      default -> {
        if (session == null) {
          lease.release(LeaseOutcome.OK, latency);
        } else {
          Held before = held.put(session, new Held(lease, latency, page));
          if (before != null) {
            before.lease.release(LeaseOutcome.OK, before.latency);
          }
        }
      }
    }
  }

  /**
   * Returns the lease held for {@code session}'s last page with what the parsers made of it; a
   * rate-limited page passes its Retry-After on to the cooldown. Nothing held: nothing to do.
   */
  public void settle(String session, Outcome outcome) {
    Held h = held.remove(session);
    if (h == null) {
      return;
    }
    LeaseOutcome result = of(outcome);
    Duration retryAfter =
        result == LeaseOutcome.RATE_LIMITED ? RetryAfter.of(h.page, clock.instant()) : null;
    h.lease.release(result, h.latency, retryAfter);
  }

  /** Gives back a lease still held for {@code session} (its page was never parsed) as OK. */
  public void endSession(String session) {
    Held h = held.remove(session);
    if (h != null) {
      h.lease.release(LeaseOutcome.OK, h.latency);
    }
  }

  /** Leases held now, waiting for their pages' parse. */
  public int held() {
    return held.size();
  }

  private record Held(ProxyLease lease, Duration latency, Capture page) {}
}
