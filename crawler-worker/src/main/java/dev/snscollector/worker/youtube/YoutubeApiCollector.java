package dev.snscollector.worker.youtube;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.TargetRef;
import dev.snscollector.contracts.Targets;
import dev.snscollector.contracts.tokens.TokenSealException;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.budget.YoutubeQuota;
import dev.snscollector.worker.route.CollectionRun;
import dev.snscollector.worker.route.CollectionRun.Step;
import dev.snscollector.worker.route.InsightWindow;
import dev.snscollector.worker.route.RouteCollector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * YouTube through the Data API v3. A profile job reads channels.list; a posts job then walks the
 * uploads playlist (playlistItems.list, paged) and reads the videos' statistics with videos.list in
 * chunks of 50; a post job reads videos.list for one id; a comments job pages commentThreads.list.
 * Every Data API call is charged to the day's quota first: a spent quota answers rate limited with
 * the time to the reset, without calling.
 *
 * <p>An insights job reads YouTube Analytics with the creator's token (never the app's key): the
 * channel's figures by day over the {@link InsightWindow}, then the same window's figures of the
 * latest {@link #RECENT_VIDEOS} uploads (found through the uploads playlist, two Data API calls).
 */
public final class YoutubeApiCollector implements RouteCollector {
  /** Posts collected when the job does not say. */
  public static final int DEFAULT_MAX_ITEMS = 50;

  /** Comments (threads and their included replies) collected when the job does not say. */
  public static final int DEFAULT_MAX_COMMENTS = 100;

  /** Uploads an insights job reads per-video figures for. */
  public static final int RECENT_VIDEOS = 10;

  static final String INSIGHTS_NEED_TOKEN = "YouTube Analytics reads only with the creator's token";

  /** Quota units of each list call this collector makes. */
  private static final int LIST_COST = 1;

  private final YoutubeDataApiClient api;
  private final YoutubeAnalyticsClient analytics;
  private final ParserRegistry parsers;
  private final YoutubeCredential appCredential;
  private final @Nullable TokenSealer tokens;
  private final YoutubeQuota quota;
  private final Clock clock;

  /**
   * @param appCredential the app's API key, used for jobs without an account (public data)
   * @param tokens opens a job's sealed creator token; null when the worker has no token keys, in
   *     which case jobs' accounts are ignored and the app credential is used
   */
  public YoutubeApiCollector(
      YoutubeDataApiClient api,
      YoutubeAnalyticsClient analytics,
      ParserRegistry parsers,
      YoutubeCredential appCredential,
      @Nullable TokenSealer tokens,
      YoutubeQuota quota,
      Clock clock) {
    this.api = api;
    this.analytics = analytics;
    this.parsers = parsers;
    this.appCredential = appCredential;
    this.tokens = tokens;
    this.quota = quota;
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.YOUTUBE;
  }

  @Override
  public Route route() {
    return Route.API;
  }

  @Override
  public @Nullable String unavailableFor(JobMessage job) {
    boolean creatorToken = job.account() != null && tokens != null;
    if (job.kind() == JobKind.INSIGHTS && !creatorToken) {
      return INSIGHTS_NEED_TOKEN;
    }
    return creatorToken || !(appCredential instanceof YoutubeCredential.None)
        ? null
        : "no API key and no creator token";
  }

  @Override
  public Collection collect(JobMessage job) {
    return new Run(job).execute();
  }

  /** The state of one job's collection. */
  private final class Run {
    final CollectionRun run;
    final JobMessage job;
    YoutubeCredential credential = appCredential;

    Run(JobMessage job) {
      this.job = job;
      this.run = new CollectionRun(job, Route.API, parsers, clock);
    }

    Collection execute() {
      TargetRef target = Targets.parse(job.platform(), job.kind(), job.target());
      JobMessage.Account account = job.account();
      if (account != null && tokens != null) {
        try {
          credential =
              new YoutubeCredential.OAuthToken(
                  tokens.open(account.sealedToken(), job.platform(), account.accountId()));
        } catch (TokenSealException e) {
          run.explain("sealed token refused (" + e.reason().name().toLowerCase(Locale.ROOT) + ")");
          return run.finish(Outcome.TOKEN_INVALID);
        }
      }
      Outcome outcome =
          switch (job.kind()) {
            case PROFILE -> profile(target);
            case POSTS -> posts(target);
            case POST -> post(target);
            case COMMENTS -> comments(target);
            case INSIGHTS -> insights(target);
          };
      return run.finish(outcome);
    }

    private Outcome profile(TargetRef target) {
      return call(() -> api.channels(target, credential), true).outcome();
    }

    private Outcome posts(TargetRef target) {
      Step channel = call(() -> api.channels(target, credential), true);
      if (!channel.ok()) {
        return channel.outcome();
      }
      String uploads = channel.next().value("uploadsPlaylistId");
      if (uploads == null) {
        // A channel without an uploads playlist has never uploaded: zero posts, not an error.
        return Outcome.OK;
      }
      int max = job.options().maxItemsOr(DEFAULT_MAX_ITEMS);
      int pageSize = Math.min(YoutubeDataApiClient.MAX_PAGE, max);
      Instant since = job.options().since();
      int collected = 0;
      String pageToken = null;
      do {
        String token = pageToken;
        Step page = call(() -> api.playlistItems(uploads, token, pageSize, credential), false);
        if (!page.ok()) {
          return page.outcome();
        }
        List<String> ids =
            page.next().ids().subList(0, Math.min(page.next().ids().size(), max - collected));
        if (!ids.isEmpty()) {
          // Statistics page by page: one videos.list per playlist page keeps each call at 50 ids
          // and lets a long walk stop early without fetching what it will not keep.
          Step videos = call(() -> api.videos(ids, credential), true);
          if (!videos.ok()) {
            return videos.outcome();
          }
          collected += ids.size();
        }
        if (run.reachedSince(page)) {
          break; // uploads come newest first: everything further is older still
        }
        pageToken = page.next().nextPageToken();
      } while (pageToken != null && collected < max);
      run.dropBefore(since);
      return Outcome.OK;
    }

    private Outcome insights(TargetRef target) {
      if (!(credential instanceof YoutubeCredential.OAuthToken token)) {
        run.explain(INSIGHTS_NEED_TOKEN);
        return Outcome.TOKEN_INVALID;
      }
      String channelId = java.util.Objects.requireNonNull(job.account()).accountId();
      InsightWindow window = InsightWindow.of(job.options().since(), clock.instant());
      Step days =
          run.read(analytics.channelDays(channelId, window.firstDay(), window.lastDay(), token));
      if (!days.ok()) {
        return days.outcome();
      }
      Step channel = call(() -> api.channels(target, credential), false);
      String uploads = channel.ok() ? channel.next().value("uploadsPlaylistId") : null;
      if (!channel.ok()) {
        return channel.outcome();
      }
      if (uploads == null) {
        return Outcome.OK; // never uploaded: the channel's days are all there is
      }
      Step recent = call(() -> api.playlistItems(uploads, null, RECENT_VIDEOS, credential), false);
      if (!recent.ok()) {
        return recent.outcome();
      }
      List<String> ids = recent.next().ids();
      if (ids.isEmpty()) {
        return Outcome.OK;
      }
      List<String> latest = ids.subList(0, Math.min(ids.size(), RECENT_VIDEOS));
      return run.read(
              analytics.videos(channelId, window.firstDay(), window.lastDay(), latest, token))
          .outcome();
    }

    private Outcome comments(TargetRef target) {
      int max = job.options().maxItemsOr(DEFAULT_MAX_COMMENTS);
      int pageSize = Math.min(YoutubeDataApiClient.MAX_COMMENT_PAGE, max);
      String pageToken = null;
      do {
        String token = pageToken;
        Step page =
            call(() -> api.commentThreads(target.value(), token, pageSize, credential), true);
        if (!page.ok()) {
          return page.outcome();
        }
        pageToken = page.next().nextPageToken();
      } while (pageToken != null && threads() < max);
      run.dropBefore(job.options().since());
      return Outcome.OK;
    }

    /** Top-level comments so far: max items counts threads, their included replies come along. */
    private long threads() {
      return run.records().stream()
          .filter(r -> r instanceof CommentRecord c && c.parentId() == null)
          .count();
    }

    private Outcome post(TargetRef target) {
      Step video = call(() -> api.videos(List.of(target.value()), credential), true);
      if (video.ok() && video.records() == 0) {
        run.explain("no video with id " + target.value());
        return Outcome.NOT_FOUND;
      }
      return video.outcome();
    }

    /** Charges the call to the quota, makes it and parses the answer. */
    private Step call(Supplier<Capture> request, boolean keepRecords) {
      String project = credential.projectId();
      Duration untilReset = quota.charge(project, LIST_COST);
      if (untilReset != null) {
        run.explain("YouTube quota for today is spent for " + project);
        run.retryAfter(untilReset);
        return new Step(Outcome.RATE_LIMITED, dev.snscollector.parsers.Continuation.NONE, 0, null);
      }
      Capture capture = request.get();
      Step step = keepRecords ? run.read(capture) : run.readAside(capture);
      if (step.outcome() == Outcome.RATE_LIMITED && quotaSpent(capture)) {
        quota.exhausted(project);
        run.retryAfter(quota.charge(project, LIST_COST));
      }
      return step;
    }
  }

  /** Whether a rate-limited answer is the daily quota (not a per-minute rate). */
  private static boolean quotaSpent(Capture capture) {
    String body = new String(capture.body(), java.nio.charset.StandardCharsets.UTF_8);
    return body.contains("\"quotaExceeded\"") || body.contains("\"dailyLimitExceeded\"");
  }
}
