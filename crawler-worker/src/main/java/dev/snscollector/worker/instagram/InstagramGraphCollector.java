package dev.snscollector.worker.instagram;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.TargetRef;
import dev.snscollector.contracts.Targets;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.contracts.tokens.TokenSealException;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.budget.GraphUsageGovernor;
import dev.snscollector.worker.budget.Pacer;
import dev.snscollector.worker.fetch.TransientFetchException;
import dev.snscollector.worker.instagram.InstagramGraphClient.AccessToken;
import dev.snscollector.worker.route.CollectionRun;
import dev.snscollector.worker.route.CollectionRun.Step;
import dev.snscollector.worker.route.InsightWindow;
import dev.snscollector.worker.route.RouteCollector;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Instagram through the Graph API, with the creator's own token ({@code job.account()}: the IG user
 * id and the sealed token). A profile job reads the user node; a posts job pages the media edge
 * (newest first) until {@code maxItems} or {@code since}; a post job finds the post's media id,
 * reads the media node and adds its lifetime insights; a comments job finds the media id and pages
 * its comments with their replies.
 *
 * <p>The job's account decides whose data is read: the Graph API sees the creator's own account
 * only, so a target naming another numeric id cannot be served here, while a handle is taken as the
 * creator's (a renamed creator still resolves). Posts are addressed by shortcode, which the Graph
 * API cannot look up: the post is found by its permalink in the creator's media, at most {@link
 * #MAX_SEARCH_PAGES} pages back; one that is not there is {@link Outcome#BLOCKED} for this route
 * (another creator's post, or an older one), so the job moves on to the public pages.
 *
 * <p>Budget: every call first asks the shared {@link GraphUsageGovernor} about the creator's
 * business scope (the IG user id) and pauses as it says, or makes no call at all and answers rate
 * limited with the time to wait; every answer's usage headers are fed back to it. Graph's own rate
 * limit answers (codes 4, 17, 32, 613) are rate limited with the wait from {@code Retry-After} or
 * from the governor's reading of the same answer's usage headers ({@code
 * estimated_time_to_regain_access}). Code 190 or HTTP 401 is token invalid, and so is a sealed
 * token that does not open; the route plan then falls back to the crawl. Graph's transient errors
 * (codes 1 and 2, {@code is_transient}) are {@link TransientFetchException}s: the job is retried.
 */
public final class InstagramGraphCollector implements RouteCollector {
  /** Posts collected when the job does not say. */
  public static final int DEFAULT_MAX_ITEMS = 50;

  /** Top-level comments collected when the job does not say; their replies come along. */
  public static final int DEFAULT_MAX_COMMENTS = 100;

  /** Media per page of the media edge in production. */
  public static final int DEFAULT_PAGE_SIZE = 50;

  /** Pages of the creator's media searched for a post's shortcode. */
  static final int MAX_SEARCH_PAGES = 10;

  static final String NEEDS_ACCOUNT = "the Graph API needs the creator's account";

  private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,25}");

  private final InstagramGraphClient api;
  private final ParserRegistry parsers;
  private final @Nullable TokenSealer tokens;
  private final GraphUsageGovernor governor;
  private final Pacer pacer;
  private final int pageSize;
  private final Clock clock;

  /**
   * @param tokens opens the jobs' sealed tokens; null when the worker has no token keys, in which
   *     case this route serves no job
   * @param governor the worker's one Graph budget, shared by every job
   * @param pacer waits the pauses the governor asks for ({@link Pacer#SLEEP} in production)
   * @param pageSize media per page of the media edge ({@link #DEFAULT_PAGE_SIZE}), 1 to 100
   */
  public InstagramGraphCollector(
      InstagramGraphClient api,
      ParserRegistry parsers,
      @Nullable TokenSealer tokens,
      GraphUsageGovernor governor,
      Pacer pacer,
      int pageSize,
      Clock clock) {
    if (pageSize < 1 || pageSize > 100) {
      throw new IllegalArgumentException("Graph media page size must be 1..100, got " + pageSize);
    }
    this.api = api;
    this.parsers = parsers;
    this.tokens = tokens;
    this.governor = governor;
    this.pacer = pacer;
    this.pageSize = pageSize;
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.INSTAGRAM;
  }

  @Override
  public Route route() {
    return Route.API;
  }

  @Override
  public @Nullable String unavailableFor(JobMessage job) {
    JobMessage.Account account = job.account();
    if (account == null) {
      return NEEDS_ACCOUNT;
    }
    if (tokens == null) {
      return NEEDS_ACCOUNT + " and token keys to open it, which this worker has not";
    }
    if (!NUMERIC_ID.matcher(account.accountId()).matches()) {
      return "the job's account id '" + account.accountId() + "' is not an Instagram user id";
    }
    TargetRef target = Targets.parse(job.platform(), job.kind(), job.target());
    if (target.type() == TargetRef.Type.ACCOUNT_ID && !target.value().equals(account.accountId())) {
      return "the Graph API reads only the creator's own account, not " + target.value();
    }
    return null;
  }

  @Override
  public Collection collect(JobMessage job) {
    JobMessage.Account account = job.account();
    TokenSealer sealer = tokens;
    if (account == null || sealer == null) {
      throw new IllegalStateException(NEEDS_ACCOUNT);
    }
    CollectionRun run = new CollectionRun(job, Route.API, parsers, clock);
    AccessToken token;
    try {
      token =
          new AccessToken(sealer.open(account.sealedToken(), job.platform(), account.accountId()));
    } catch (TokenSealException e) {
      run.explain("sealed token refused (" + e.reason().name().toLowerCase(Locale.ROOT) + ")");
      return run.finish(Outcome.TOKEN_INVALID);
    }
    return new Run(run, account.accountId(), token).execute();
  }

  /** The state of one job's collection. */
  private final class Run {
    final CollectionRun run;
    final JobMessage job;
    final String igUserId;
    final AccessToken token;

    Run(CollectionRun run, String igUserId, AccessToken token) {
      this.run = run;
      this.job = run.job();
      this.igUserId = igUserId;
      this.token = token;
    }

    Collection execute() {
      TargetRef target = Targets.parse(job.platform(), job.kind(), job.target());
      Outcome outcome =
          switch (job.kind()) {
            case PROFILE -> call(() -> api.user(igUserId, token)).outcome();
            case POSTS -> posts();
            case POST -> post(target.value());
            case COMMENTS -> comments(target.value());
            case INSIGHTS -> insights();
          };
      return run.finish(outcome);
    }

    private Outcome posts() {
      int max = job.options().maxItemsOr(DEFAULT_MAX_ITEMS);
      int limit = Math.min(pageSize, max);
      Instant since = job.options().since();
      String after = null;
      while (true) {
        String cursor = after;
        Step page =
            call(
                () -> api.media(igUserId, InstagramGraphClient.MEDIA_FIELDS, limit, cursor, token));
        if (!page.ok()) {
          return page.outcome();
        }
        // The media edge is newest first: a page reaching before `since` ends the walk.
        boolean olderThanWanted = run.reachedSince(page);
        after = page.next().nextPageToken();
        // An empty page makes no progress, whatever its paging says.
        if (after == null
            || page.records() == 0
            || run.records().size() >= max
            || olderThanWanted) {
          break;
        }
      }
      run.dropBefore(since);
      if (run.records().size() > max) {
        run.records().subList(max, run.records().size()).clear();
      }
      return Outcome.OK;
    }

    /**
     * The account's insights over the window {@link InsightWindow} gives: the daily series, the
     * window's totals, then the followers' age and gender. The audience is an extra: Meta shows it
     * only from 100 followers and with the permission, so a refusal there is explained and the job
     * stays ok.
     */
    private Outcome insights() {
      InsightWindow window = InsightWindow.of(job.options().since(), clock.instant());
      Step daily = call(() -> api.dailyInsights(igUserId, window.since(), window.until(), token));
      if (!daily.ok()) {
        return daily.outcome();
      }
      Step totals = call(() -> api.windowInsights(igUserId, window.since(), window.until(), token));
      if (!totals.ok()) {
        return totals.outcome();
      }
      try {
        call(() -> api.audienceInsights(igUserId, token));
      } catch (TransientFetchException e) {
        // an extra, like a post's insights: the figures read so far are the job's
      }
      return Outcome.OK;
    }

    private Outcome post(String shortcode) {
      Found found = find(shortcode);
      String mediaId = found.mediaId();
      if (mediaId == null) {
        return found.outcome();
      }
      Step media = call(() -> api.mediaNode(mediaId, token));
      if (!media.ok()) {
        return media.outcome();
      }
      addInsights(mediaId);
      return Outcome.OK;
    }

    /**
     * Adds a post's lifetime insights to its record. They are an extra: a post without them (a
     * token without the insights permission, a media type without these metrics, a spent budget, a
     * transient error) is still the post, so no answer here changes the job's outcome.
     */
    private void addInsights(String mediaId) {
      List<NormalizedRecord> records = run.records();
      int before = records.size();
      Step insights;
      try {
        insights = call(() -> api.insights(mediaId, token));
      } catch (TransientFetchException e) {
        return;
      }
      List<NormalizedRecord> read = new ArrayList<>(records.subList(before, records.size()));
      records.subList(before, records.size()).clear();
      PostRecord metrics =
          read.stream()
              .filter(r -> r instanceof PostRecord p && p.platformId().equals(mediaId))
              .map(PostRecord.class::cast)
              .findFirst()
              .orElse(null);
      if (!insights.ok() || metrics == null) {
        return;
      }
      records.replaceAll(
          r ->
              r instanceof PostRecord post && post.platformId().equals(mediaId)
                  ? withInsights(post, metrics)
                  : r);
    }

    private Outcome comments(String shortcode) {
      Found found = find(shortcode);
      String mediaId = found.mediaId();
      if (mediaId == null) {
        return found.outcome();
      }
      int max = job.options().maxItemsOr(DEFAULT_MAX_COMMENTS);
      String after = null;
      do {
        String cursor = after;
        Step page = call(() -> api.comments(mediaId, cursor, token));
        if (!page.ok()) {
          return page.outcome();
        }
        after = page.records() == 0 ? null : page.next().nextPageToken();
      } while (after != null && threads() < max);
      keepThreads(max);
      run.dropBefore(job.options().since());
      return Outcome.OK;
    }

    /** Top-level comments so far: max items counts these, their replies come along. */
    private int threads() {
      int threads = 0;
      for (NormalizedRecord r : run.records()) {
        if (r instanceof CommentRecord c && c.parentId() == null) {
          threads++;
        }
      }
      return threads;
    }

    /** Keeps the first {@code max} top-level comments and the replies that follow each. */
    private void keepThreads(int max) {
      List<NormalizedRecord> records = run.records();
      int threads = 0;
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i) instanceof CommentRecord c && c.parentId() == null && ++threads > max) {
          records.subList(i, records.size()).clear();
          return;
        }
      }
    }

    /**
     * Finds a post's media id by its shortcode in the creator's media, newest first. The pages read
     * stay in the job's captures; their records are not kept.
     */
    private Found find(String shortcode) {
      String after = null;
      for (int pages = 0; pages < MAX_SEARCH_PAGES; pages++) {
        String cursor = after;
        Step page =
            call(
                () ->
                    api.media(
                        igUserId, InstagramGraphClient.PERMALINK_FIELDS, pageSize, cursor, token));
        List<NormalizedRecord> listed = List.copyOf(run.records());
        run.records().clear();
        if (!page.ok()) {
          return new Found(null, page.outcome());
        }
        for (NormalizedRecord r : listed) {
          if (r instanceof PostRecord p && shortcode.equals(shortcodeOf(p.url()))) {
            return new Found(p.platformId(), Outcome.OK);
          }
        }
        after = page.records() == 0 ? null : page.next().nextPageToken();
        if (after == null) {
          run.explain(
              "post "
                  + shortcode
                  + " is not among the creator's media: the Graph API reads only the creator's"
                  + " own posts");
          return new Found(null, Outcome.BLOCKED);
        }
      }
      run.explain(
          "post "
              + shortcode
              + " is not among the creator's latest "
              + MAX_SEARCH_PAGES * pageSize
              + " media");
      return new Found(null, Outcome.BLOCKED);
    }

    /** Asks the budget, makes the call, tells the budget what the answer said, parses it. */
    private Step call(Supplier<Capture> request) {
      switch (governor.beforeCall(igUserId)) {
        case GraphUsageGovernor.Wait spent -> {
          run.explain(spent.reason() + "; no call made");
          run.retryAfter(spent.retryAfter());
          return new Step(Outcome.RATE_LIMITED, Continuation.NONE, 0, null);
        }
        case GraphUsageGovernor.Go go -> {
          if (go.pause().isPositive()) {
            pacer.pause(go.pause());
          }
        }
      }
      Capture capture = request.get();
      governor.observe(capture);
      Step step = run.read(capture);
      if (step.outcome() == Outcome.RATE_LIMITED
          && governor.blocked(igUserId) instanceof GraphUsageGovernor.Wait spent) {
        // The limit answer's own usage headers, just read, say how long (a full allowance, or
        // estimated_time_to_regain_access).
        run.retryAfter(spent.retryAfter());
      }
      if (step.outcome() == Outcome.INTERNAL) {
        throw new TransientFetchException(
            capture.url(), capture.status(), "Graph API transient error", null);
      }
      return step;
    }
  }

  /** A post looked up by shortcode: its media id, or why there is none. */
  private record Found(@Nullable String mediaId, Outcome outcome) {}

  /** The shortcode of a permalink ({@code https://www.instagram.com/p/<shortcode>/}), or null. */
  static @Nullable String shortcodeOf(@Nullable String permalink) {
    HttpUrl url = permalink == null ? null : HttpUrl.parse(permalink);
    if (url == null) {
      return null;
    }
    List<String> segments = url.pathSegments();
    for (int i = 0; i + 1 < segments.size(); i++) {
      switch (segments.get(i)) {
        case "p", "reel", "reels", "tv" -> {
          return segments.get(i + 1);
        }
        default -> {}
      }
    }
    return null;
  }

  /**
   * A post with its insights: views, shares and saves come from the insights only; likes and
   * comments are the media node's counts, else the insights' (a post whose likes are hidden from
   * the public still shows them to its owner). The record's source stays the media node.
   */
  static PostRecord withInsights(PostRecord post, PostRecord insights) {
    Long views = insights.views() != null ? insights.views() : post.views();
    Long likes = post.likes() != null ? post.likes() : insights.likes();
    Long comments = post.comments() != null ? post.comments() : insights.comments();
    Long shares = insights.shares() != null ? insights.shares() : post.shares();
    Long saves = insights.saves() != null ? insights.saves() : post.saves();
    // A value the insights filled in is no longer unavailable; one neither has keeps the media's
    // reason (the media node says why, the insights only that the metric was not asked for).
    Map<String, Unavailable> unavailable = new TreeMap<>(post.unavailable());
    filled(unavailable, "views", views);
    filled(unavailable, "likes", likes);
    filled(unavailable, "comments", comments);
    filled(unavailable, "shares", shares);
    filled(unavailable, "saves", saves);
    return new PostRecord(
        post.platform(),
        post.platformId(),
        post.ownerId(),
        post.url(),
        post.postType(),
        post.title(),
        post.caption(),
        post.text(),
        post.publishedAt(),
        post.durationSeconds(),
        views,
        likes,
        comments,
        shares,
        saves,
        post.media(),
        post.hashtags(),
        post.mentions(),
        post.approximate(),
        unavailable,
        post.observedAt(),
        post.source());
  }

  private static void filled(
      Map<String, Unavailable> unavailable, String field, @Nullable Long value) {
    if (value != null) {
      unavailable.remove(field);
    }
  }
}
