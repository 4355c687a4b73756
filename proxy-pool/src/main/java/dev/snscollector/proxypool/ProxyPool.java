package dev.snscollector.proxypool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lends proxies for fetches and learns from what each fetch reports back.
 *
 * <p>A proxy is a candidate for a target domain when it is not cooling down for that domain (after
 * a ban or a rate limit, with backoff doubling up to a cap), its circuit breaker is not open (after
 * consecutive connect failures or timeouts), it has fewer leases out than the cap, and the last
 * lease for that domain through it is older than the politeness interval. Among candidates the one
 * with the best health score for the domain (EWMA success rate times a latency factor) wins, the
 * least recently used on a tie.
 *
 * <p>A sticky session keeps its proxy while that proxy is healthy for the domain; if the proxy is
 * healthy but momentarily busy (cap or politeness), the lease is empty rather than moved, so the
 * session's IP and cookies stay together. A session moves to another proxy only once its proxy is
 * cooling down, its circuit is open, or it left the source.
 *
 * <p>{@link #lease} never throws for lack of proxies: an empty result means "retry later". With no
 * proxies configured and {@link ProxyPoolConfig#allowDirect()}, the direct route is leased under
 * the same policies. Thread-safe; all time comes from the injected clock.
 */
public final class ProxyPool {
  private static final Logger log = LoggerFactory.getLogger(ProxyPool.class);

  private final ProxySource source;
  private final ProxyPoolConfig config;
  private final Clock clock;
  private final Map<String, ProxyState> states = new LinkedHashMap<>();
  private final LinkedHashMap<String, String> stickyProxyBySession;

  public ProxyPool(ProxySource source, ProxyPoolConfig config, Clock clock) {
    this.source = Objects.requireNonNull(source);
    this.config = Objects.requireNonNull(config);
    this.clock = Objects.requireNonNull(clock);
    int maxSessions = config.maxStickySessions();
    this.stickyProxyBySession =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > maxSessions;
          }
        };
  }

  /**
   * Ends a sticky session: its next lease, if any, picks a proxy afresh (and a rotating gateway
   * gives the new key its own exit). Unknown keys are ignored.
   */
  public synchronized void endSession(String sessionKey) {
    stickyProxyBySession.remove(sessionKey);
  }

  /** Sticky sessions the pool remembers now. */
  public synchronized int stickySessions() {
    return stickyProxyBySession.size();
  }

  /**
   * Lends a proxy for one fetch from {@code targetDomain}.
   *
   * @param sessionKey a job's sticky session, or null for any proxy
   * @return the lease, or empty when no proxy may be used for this domain now (retry later)
   */
  public Optional<ProxyLease> lease(String targetDomain, @Nullable String sessionKey) {
    String domain = targetDomain.strip().toLowerCase(Locale.ROOT);
    List<ProxyEndpoint> endpoints = source.endpoints();
    if (endpoints.isEmpty()) {
      if (!config.allowDirect()) {
        return Optional.empty();
      }
      endpoints = List.of(ProxyEndpoint.direct());
    }
    synchronized (this) {
      Instant now = clock.instant();
      if (sessionKey != null) {
        String stickyId = stickyProxyBySession.get(sessionKey);
        if (stickyId != null) {
          for (ProxyEndpoint endpoint : endpoints) {
            if (endpoint.id().equals(stickyId)) {
              ProxyState state = state(endpoint);
              if (state.healthyFor(domain, now, config)) {
                return state.leasableNow(domain, now, config)
                    ? Optional.of(grant(state, endpoint, domain, sessionKey, now))
                    : Optional.empty();
              }
            }
          }
          stickyProxyBySession.remove(sessionKey);
        }
      }
      ProxyState best = null;
      ProxyEndpoint bestEndpoint = null;
      for (ProxyEndpoint endpoint : endpoints) {
        ProxyState state = state(endpoint);
        if (!state.healthyFor(domain, now, config) || !state.leasableNow(domain, now, config)) {
          continue;
        }
        if (best == null || better(state, best, domain)) {
          best = state;
          bestEndpoint = endpoint;
        }
      }
      if (best == null || bestEndpoint == null) {
        return Optional.empty();
      }
      if (sessionKey != null) {
        stickyProxyBySession.put(sessionKey, best.id());
      }
      return Optional.of(grant(best, bestEndpoint, domain, sessionKey, now));
    }
  }

  /** A snapshot of every proxy the pool has seen, in the order first seen. */
  public synchronized List<ProxyStats> stats() {
    Instant now = clock.instant();
    List<ProxyStats> snapshot = new ArrayList<>(states.size());
    for (ProxyState state : states.values()) {
      snapshot.add(state.snapshot(now));
    }
    return List.copyOf(snapshot);
  }

  synchronized void release(
      ProxyLease lease, LeaseOutcome outcome, Duration latency, @Nullable Duration retryAfter) {
    Instant now = clock.instant();
    ProxyState state = lease.state();
    boolean opened =
        state.onRelease(
            lease.targetDomain(), lease.trial(), outcome, latency, retryAfter, now, config);
    if (opened) {
      log.warn("circuit opened for proxy {} after {}", state.id(), outcome);
    } else if (outcome == LeaseOutcome.BANNED || outcome == LeaseOutcome.RATE_LIMITED) {
      log.info(
          "proxy {} {} for {}, cooling down until {}",
          state.id(),
          outcome,
          lease.targetDomain(),
          state.domain(lease.targetDomain()).cooldownUntil);
    }
  }

  private ProxyLease grant(
      ProxyState state,
      ProxyEndpoint endpoint,
      String domain,
      @Nullable String sessionKey,
      Instant now) {
    boolean trial = state.onLease(domain, now);
    ProxyEndpoint leased =
        sessionKey == null || endpoint.isDirect()
            ? endpoint
            : source.bindSession(endpoint, sessionKey);
    return new ProxyLease(this, state, leased, domain, trial);
  }

  private boolean better(ProxyState candidate, ProxyState best, String domain) {
    int byScore = Double.compare(candidate.score(domain, config), best.score(domain, config));
    if (byScore != 0) {
      return byScore > 0;
    }
    Instant a = candidate.lastLeasedAt;
    Instant b = best.lastLeasedAt;
    if (a == null || b == null) {
      return a == null && b != null;
    }
    return a.isBefore(b);
  }

  private ProxyState state(ProxyEndpoint endpoint) {
    return states.computeIfAbsent(endpoint.id(), ProxyState::new);
  }
}
