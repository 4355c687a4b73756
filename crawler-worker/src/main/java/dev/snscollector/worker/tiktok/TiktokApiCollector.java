package dev.snscollector.worker.tiktok;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.TargetRef;
import dev.snscollector.contracts.Targets;
import dev.snscollector.contracts.tokens.TokenSealException;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.budget.Pacer;
import dev.snscollector.worker.budget.RequestWindow;
import dev.snscollector.worker.route.CollectionRun;
import dev.snscollector.worker.route.CollectionRun.Step;
import dev.snscollector.worker.route.RouteCollector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * TikTok through the Display API v2, with the creator's own token (the API has no app-only access):
 * a profile job reads {@code user/info}, a posts job pages {@code video/list} by its cursor, a post
 * job reads {@code video/query} for one id. The API answers for the token's owner only, so the
 * job's account must be the creator the target names. Comments are not in the Display API.
 *
 * <p>Budget: every call first reserves a slot in the {@link RequestWindow} for its endpoint and the
 * token (keyed by the token's fingerprint, never the token). A wait up to {@link #MAX_PAUSE} is
 * paused through the {@link Pacer}; a longer one ends the attempt {@link Outcome#RATE_LIMITED} with
 * that wait, without calling. The API's own {@code rate_limit_exceeded} (HTTP 429) is rate limited
 * with its Retry-After; {@code access_token_invalid} (HTTP 401) and a sealed token that does not
 * open are {@link Outcome#TOKEN_INVALID}, and the plan falls back to the public pages.
 */
public final class TiktokApiCollector implements RouteCollector {
  /** Posts collected when the job does not say. */
  public static final int DEFAULT_MAX_ITEMS = 50;

  /** The longest wait for a request slot a job sits out; beyond it the job is rate limited. */
  public static final Duration MAX_PAUSE = Duration.ofSeconds(5);

  private final TiktokApiClient api;
  private final ParserRegistry parsers;
  private final @Nullable TokenSealer tokens;
  private final RequestWindow window;
  private final Pacer pacer;
  private final Clock clock;

  /**
   * @param tokens opens jobs' sealed creator tokens; null when the worker has no token keys, and
   *     then this route serves no job
   * @param window the per-endpoint, per-token request budget, shared by every job of the worker
   * @param pacer waits out a short wait for the window ({@link Pacer#SLEEP} in production)
   */
  public TiktokApiCollector(
      TiktokApiClient api,
      ParserRegistry parsers,
      @Nullable TokenSealer tokens,
      RequestWindow window,
      Pacer pacer,
      Clock clock) {
    this.api = api;
    this.parsers = parsers;
    this.tokens = tokens;
    this.window = window;
    this.pacer = pacer;
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.TIKTOK;
  }

  @Override
  public Route route() {
    return Route.API;
  }

  @Override
  public @Nullable String unavailableFor(JobMessage job) {
    if (job.kind() == JobKind.COMMENTS) {
      return "the TikTok Display API has no comments";
    }
    if (job.kind() == JobKind.INSIGHTS) {
      return "the TikTok Display API has no analytics";
    }
    if (job.account() == null) {
      return "the TikTok API needs the creator's account";
    }
    return tokens == null ? "no token keys to open the creator's TikTok token" : null;
  }

  @Override
  public Collection collect(JobMessage job) {
    String unavailable = unavailableFor(job);
    if (unavailable != null) {
      throw new IllegalArgumentException(unavailable);
    }
    return new Run(job).execute();
  }

  /** The state of one job's collection. */
  private final class Run {
    final JobMessage job;
    final CollectionRun run;

    Run(JobMessage job) {
      this.job = job;
      this.run = new CollectionRun(job, Route.API, parsers, clock);
    }

    Collection execute() {
      TargetRef target = Targets.parse(job.platform(), job.kind(), job.target());
      TiktokAccessToken token;
      try {
        token = open();
      } catch (TokenSealException e) {
        run.explain("sealed token refused (" + e.reason().name().toLowerCase(Locale.ROOT) + ")");
        return run.finish(Outcome.TOKEN_INVALID);
      }
      Outcome outcome =
          switch (job.kind()) {
            case PROFILE -> call("user_info", token, () -> api.userInfo(token)).outcome();
            case POSTS -> posts(token);
            case POST -> post(target, token);
            case COMMENTS, INSIGHTS -> throw new IllegalStateException("not served here");
          };
      return run.finish(outcome);
    }

    private TiktokAccessToken open() {
      JobMessage.Account account = Objects.requireNonNull(job.account());
      TokenSealer sealer = Objects.requireNonNull(tokens);
      return new TiktokAccessToken(
          sealer.open(account.sealedToken(), job.platform(), account.accountId()));
    }

    private Outcome posts(TiktokAccessToken token) {
      int max = job.options().maxItemsOr(DEFAULT_MAX_ITEMS);
      int pageSize = Math.min(TiktokApiClient.MAX_PAGE, max);
      Instant since = job.options().since();
      Set<String> cursors = new HashSet<>();
      String cursor = null;
      while (true) {
        String at = cursor;
        Step page = call("video_list", token, () -> api.videoList(at, pageSize, token));
        if (!page.ok()) {
          return page.outcome();
        }
        cursor = page.next().nextPageToken();
        boolean olderThanWanted = run.reachedSince(page);
        // Videos come newest first, so an older page ends a `since` walk; a cursor the API
        // already gave would only repeat pages, so it ends the walk too.
        if (cursor == null
            || run.records().size() >= max
            || olderThanWanted
            || !cursors.add(cursor)) {
          break;
        }
      }
      run.dropBefore(since);
      if (run.records().size() > max) {
        run.records().subList(max, run.records().size()).clear();
      }
      return Outcome.OK;
    }

    private Outcome post(TargetRef target, TiktokAccessToken token) {
      String id = target.value();
      Step step = call("video_query", token, () -> api.videoQuery(List.of(id), token));
      if (!step.ok()) {
        return step.outcome();
      }
      run.records().removeIf(r -> !id.equals(r.platformId()));
      if (run.records().isEmpty()) {
        run.explain("the creator's videos do not include " + id);
        return Outcome.NOT_FOUND;
      }
      return Outcome.OK;
    }

    /** Reserves the endpoint's request slot for this token, then calls and parses. */
    private Step call(String endpoint, TiktokAccessToken token, Supplier<Capture> request) {
      Duration wait = window.reserve(endpoint + "/" + token.fingerprint(), MAX_PAUSE);
      if (wait.compareTo(MAX_PAUSE) > 0) {
        run.explain(
            "TikTok "
                + endpoint
                + " request budget for this token is spent; the next slot opens in "
                + Math.max(1, wait.toSeconds())
                + " s");
        run.retryAfter(wait);
        return new Step(Outcome.RATE_LIMITED, Continuation.NONE, 0, null);
      }
      if (!wait.isZero()) {
        pacer.pause(wait);
      }
      return run.read(request.get());
    }
  }
}
