package dev.snscollector.worker.route;

import dev.snscollector.capture.Capture;
import dev.snscollector.capture.PausedScopes;
import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent.RouteAttempt;
import dev.snscollector.contracts.Route;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.Collector;
import dev.snscollector.worker.fetch.OversizedBodyException;
import dev.snscollector.worker.fetch.TransientFetchException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs a job's {@link RoutePlan}: each route in order until one gives a definite answer.
 *
 * <ul>
 *   <li>ok, not found, private: the answer; the job ends;
 *   <li>structure changed: reported, not retried on another route (the page is kept for replay);
 *   <li>blocked, login wall, rate limited, token invalid: the next route is tried, and the attempt
 *       stays in the result event (a token invalid there tells the platform to reconnect the
 *       creator);
 *   <li>a route that cannot serve the job (the Graph API without an account) is skipped unrecorded.
 * </ul>
 *
 * When every route failed, the job ends with the last attempt's outcome. Transient failures and
 * missing proxies propagate: the whole job is retried or deferred, attempts included. A route open
 * in its circuit breaker ({@link RouteBreakers}: its platform or site keeps failing) is skipped;
 * when it was the only one left, {@link RouteUnavailableException} defers the job. A route an
 * operator paused ({@link PausedScopes}, {@code /collector pause}) is skipped the same way; a job
 * that no route answered for good while one of its routes was paused waits on the queue until they
 * are resumed (one that another route answered ends as usual).
 */
public final class PlannedCollector implements Collector {
  private final Map<Platform, Map<Route, RouteCollector>> collectors =
      new EnumMap<>(Platform.class);
  private final RouteBreakers breakers;
  private final Supplier<PausedScopes> paused;
  private final Duration deferWhilePaused;

  /** With the default breakers ({@link RouteBreakers.Settings#DEFAULTS}), nothing paused. */
  public PlannedCollector(List<? extends RouteCollector> routeCollectors) {
    this(routeCollectors, new RouteBreakers(RouteBreakers.Settings.DEFAULTS));
  }

  /** Nothing paused. */
  public PlannedCollector(List<? extends RouteCollector> routeCollectors, RouteBreakers breakers) {
    this(routeCollectors, breakers, () -> PausedScopes.NONE, Duration.ofSeconds(30));
  }

  /**
   * @param paused what operators paused now (the worker's copy of the API's list)
   * @param deferWhilePaused how long a job whose every route is paused waits before it is tried
   *     again
   */
  public PlannedCollector(
      List<? extends RouteCollector> routeCollectors,
      RouteBreakers breakers,
      Supplier<PausedScopes> paused,
      Duration deferWhilePaused) {
    this.breakers = breakers;
    this.paused = paused;
    this.deferWhilePaused = deferWhilePaused;
    for (RouteCollector c : routeCollectors) {
      RouteCollector previous =
          collectors
              .computeIfAbsent(c.platform(), p -> new EnumMap<>(Route.class))
              .putIfAbsent(c.route(), c);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two collectors for " + c.platform().wireName() + " over " + c.route().wireName());
      }
    }
  }

  @Override
  public Collection collect(JobMessage job) {
    Map<Route, RouteCollector> byRoute = collectors.getOrDefault(job.platform(), Map.of());
    List<RouteAttempt> attempts = new ArrayList<>();
    List<Capture> captures = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> open = new ArrayList<>();
    TreeSet<String> pausedBy = new TreeSet<>();
    PausedScopes pauses = paused.get();
    long fetchMillis = 0;
    Collection last = null;
    for (Route route : RoutePlan.of(job)) {
      RouteCollector collector = byRoute.get(route);
      String unavailable =
          collector == null ? "no " + route.wireName() + " route" : collector.unavailableFor(job);
      if (collector == null || unavailable != null) {
        skipped.add(route.wireName() + ": " + unavailable);
        continue;
      }
      String pause = pauses.covering(job.platform(), route);
      if (pause != null) {
        pausedBy.add(pause);
        continue; // an operator's pause: the next route, or a deferral when none is left
      }
      CircuitBreaker breaker = breakers.of(job.platform(), route);
      if (!breaker.tryAcquirePermission()) {
        open.add(breaker.getName());
        continue; // an outage: the next route, or a deferral when none is left
      }
      long start = breaker.getCurrentTimestamp();
      Collection result;
      try {
        result = collector.collect(job);
        breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
      } catch (OversizedBodyException e) {
        breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
        // Final for this route (the same page comes back), not transient: the next route or an
        // outcome that says so, never a retry.
        result =
            new Collection(
                Outcome.BLOCKED,
                e.getMessage(),
                List.of(),
                List.of(),
                null,
                List.of(new RouteAttempt(route, Outcome.BLOCKED, e.getMessage(), 0, 0, null)),
                0);
      } catch (TransientFetchException e) {
        breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
        throw e;
      } catch (RuntimeException e) {
        breaker.releasePermission(); // no proxy, a bug: says nothing about the platform
        throw e;
      }
      attempts.addAll(result.routes());
      captures.addAll(result.captures());
      fetchMillis += result.fetchMillis();
      last = result;
      if (!movesOn(result.outcome())) {
        break;
      }
    }
    if (!pausedBy.isEmpty() && (last == null || movesOn(last.outcome()))) {
      // No route answered for good and a paused one was never tried: the job waits for the
      // resume, rather than ending on an answer its paused route might have bettered.
      throw new RouteUnavailableException(
          (last == null
                  ? "every route that can serve this job is paused ("
                  : "the routes left after " + last.outcome().wireName() + " are paused (")
              + String.join(", ", pausedBy)
              + (open.isEmpty() ? "" : "; open in its circuit breaker: " + open)
              + ")",
          "paused",
          deferWhilePaused);
    }
    if (last == null && !open.isEmpty()) {
      throw new RouteUnavailableException(
          "every route that can serve this job is open in its circuit breaker: " + open,
          "breaker_open",
          breakers.openFor());
    }
    if (last == null) {
      return new Collection(
          Outcome.INVALID_JOB,
          "no route can serve a "
              + job.platform().wireName()
              + " "
              + job.kind().wireName()
              + " job ("
              + String.join("; ", skipped)
              + ")",
          List.of(),
          List.of(),
          null,
          List.of(),
          0);
    }
    List<NormalizedRecord> records = last.outcome() == Outcome.OK ? last.records() : List.of();
    DriftReport drift = last.drift();
    return new Collection(
        last.outcome(), last.detail(), records, captures, drift, attempts, fetchMillis);
  }

  /** Whether an attempt's outcome sends the job on to its next route. */
  static boolean movesOn(Outcome outcome) {
    return switch (outcome) {
      case BLOCKED, LOGIN_WALL, RATE_LIMITED, TOKEN_INVALID -> true;
      case OK, NOT_FOUND, PRIVATE, STRUCTURE_CHANGED, INVALID_JOB, INTERNAL, CANCELLED -> false;
    };
  }
}
