package dev.snscollector.worker.youtube;

import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ResultEvent.RouteAttempt;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.TargetRef;
import dev.snscollector.contracts.Targets;
import dev.snscollector.contracts.tokens.TokenSealException;
import dev.snscollector.contracts.tokens.TokenSealer;
import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.Collector;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * YouTube through the Data API v3. A profile job reads channels.list; a posts job then walks the
 * uploads playlist (playlistItems.list, paged) and reads the videos' statistics with videos.list in
 * chunks of 50; a post job reads videos.list for one id. Every response is parsed as it arrives;
 * the first classification (not found, quota, bad key) or drift ends the job.
 */
public final class YoutubeApiCollector implements Collector {
  /** Posts collected when the job does not say. */
  public static final int DEFAULT_MAX_ITEMS = 50;

  /** Comments (threads and their included replies) collected when the job does not say. */
  public static final int DEFAULT_MAX_COMMENTS = 100;

  private final YoutubeDataApiClient api;
  private final ParserRegistry parsers;
  private final YoutubeCredential appCredential;
  private final @Nullable TokenSealer tokens;
  private final Clock clock;

  /**
   * @param appCredential the app's API key, used for jobs without an account (public data)
   * @param tokens opens a job's sealed creator token; null when the worker has no token keys, in
   *     which case jobs' accounts are ignored and the app credential is used
   */
  public YoutubeApiCollector(
      YoutubeDataApiClient api,
      ParserRegistry parsers,
      YoutubeCredential appCredential,
      @Nullable TokenSealer tokens,
      Clock clock) {
    this.api = api;
    this.parsers = parsers;
    this.appCredential = appCredential;
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public Collection collect(JobMessage job) {
    Run run = new Run(job);
    Instant start = clock.instant();
    Outcome outcome;
    try {
      outcome = run.execute();
    } finally {
      run.fetchMillis = clock.millis() - start.toEpochMilli();
    }
    RouteAttempt attempt =
        new RouteAttempt(
            Route.API, outcome, run.detail, run.captures.size(), Math.max(run.fetchMillis, 0));
    return new Collection(
        outcome,
        run.detail,
        outcome == Outcome.OK ? run.records : List.of(),
        run.captures,
        run.drift,
        List.of(attempt),
        Math.max(run.fetchMillis, 0));
  }

  /** The state of one job's collection. */
  private final class Run {
    final JobMessage job;
    final ParseContext context;
    final List<Capture> captures = new ArrayList<>();
    final List<NormalizedRecord> records = new ArrayList<>();
    YoutubeCredential credential = appCredential;
    @Nullable String detail;
    dev.snscollector.contracts.@Nullable DriftReport drift;
    long fetchMillis;

    Run(JobMessage job) {
      this.job = job;
      this.context = new ParseContext(Route.API, job.jobId(), clock.instant());
    }

    Outcome execute() {
      TargetRef target = Targets.parse(job.platform(), job.kind(), job.target());
      JobMessage.Account account = job.account();
      if (account != null && tokens != null) {
        try {
          credential =
              new YoutubeCredential.OAuthToken(
                  tokens.open(account.sealedToken(), job.platform(), account.accountId()));
        } catch (TokenSealException e) {
          detail =
              "sealed token refused (" + e.reason().name().toLowerCase(java.util.Locale.ROOT) + ")";
          return Outcome.TOKEN_INVALID;
        }
      }
      return switch (job.kind()) {
        case PROFILE -> profile(target);
        case POSTS -> posts(target);
        case POST -> post(target);
        case COMMENTS -> comments(target);
      };
    }

    private Outcome profile(TargetRef target) {
      Step channel = read(api.channels(target, credential));
      return channel.outcome;
    }

    private Outcome posts(TargetRef target) {
      Step channel = read(api.channels(target, credential));
      if (channel.outcome != Outcome.OK) {
        return channel.outcome;
      }
      String uploads = channel.next.value("uploadsPlaylistId");
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
        Step page = readAside(api.playlistItems(uploads, pageToken, pageSize, credential));
        if (page.outcome != Outcome.OK) {
          return page.outcome;
        }
        List<String> ids =
            page.next.ids().subList(0, Math.min(page.next.ids().size(), max - collected));
        if (!ids.isEmpty()) {
          // Statistics page by page: one videos.list per playlist page keeps each call at 50 ids
          // and lets a long walk stop early without fetching what it will not keep.
          Step videos = read(api.videos(ids, credential));
          if (videos.outcome != Outcome.OK) {
            return videos.outcome;
          }
          collected += ids.size();
        }
        if (since != null && page.oldest != null && page.oldest.isBefore(since)) {
          break; // uploads come newest first: everything further is older still
        }
        pageToken = page.next.nextPageToken();
      } while (pageToken != null && collected < max);
      if (since != null) {
        records.removeIf(
            r ->
                r instanceof PostRecord p
                    && p.publishedAt() != null
                    && p.publishedAt().isBefore(since));
      }
      return Outcome.OK;
    }

    private Outcome comments(TargetRef target) {
      int max = job.options().maxItemsOr(DEFAULT_MAX_COMMENTS);
      int pageSize = Math.min(YoutubeDataApiClient.MAX_COMMENT_PAGE, max);
      String pageToken = null;
      do {
        Step page = read(api.commentThreads(target.value(), pageToken, pageSize, credential));
        if (page.outcome != Outcome.OK) {
          return page.outcome;
        }
        pageToken = page.next.nextPageToken();
      } while (pageToken != null && threads() < max);
      Instant since = job.options().since();
      records.removeIf(
          r ->
              since != null
                  && r instanceof CommentRecord c
                  && c.publishedAt() != null
                  && c.publishedAt().isBefore(since));
      return Outcome.OK;
    }

    /** Top-level comments so far: max items counts threads, their included replies come along. */
    private long threads() {
      return records.stream()
          .filter(r -> r instanceof CommentRecord c && c.parentId() == null)
          .count();
    }

    private Outcome post(TargetRef target) {
      Step video = read(api.videos(List.of(target.value()), credential));
      if (video.outcome == Outcome.OK && video.records == 0) {
        detail = "no video with id " + target.value();
        return Outcome.NOT_FOUND;
      }
      return video.outcome;
    }

    /** Parses a capture and keeps its records. */
    private Step read(Capture capture) {
      return parse(capture, true);
    }

    /** Parses a capture for its continuation only (playlist pages: videos.list has the data). */
    private Step readAside(Capture capture) {
      return parse(capture, false);
    }

    private Step parse(Capture capture, boolean keepRecords) {
      captures.add(capture);
      String pageType = capture.pageType() == null ? "" : capture.pageType();
      PageParser parser =
          parsers
              .byId(pageType)
              .orElseThrow(() -> new IllegalStateException("no parser for page type " + pageType));
      ParseResult result = parser.parse(capture, context);
      return switch (result) {
        case ParseResult.Parsed parsed -> {
          if (keepRecords) {
            records.addAll(parsed.records());
          }
          yield new Step(Outcome.OK, parsed.next(), parsed.records().size(), oldest(parsed));
        }
        case ParseResult.Drifted drifted -> {
          drift = drifted.report();
          detail =
              "structure changed: "
                  + drifted.report().schemaId()
                  + " at "
                  + drifted.report().failures().stream()
                      .map(f -> f.path().isEmpty() ? "(root)" : f.path())
                      .limit(5)
                      .toList();
          yield new Step(Outcome.STRUCTURE_CHANGED, Continuation.NONE, 0, null);
        }
        case ParseResult.Classified classified -> {
          detail = classified.reason();
          yield new Step(classified.outcome(), Continuation.NONE, 0, null);
        }
      };
    }
  }

  private static @Nullable Instant oldest(ParseResult.Parsed parsed) {
    Instant oldest = null;
    for (NormalizedRecord r : parsed.records()) {
      if (r instanceof PostRecord p
          && p.publishedAt() != null
          && (oldest == null || p.publishedAt().isBefore(oldest))) {
        oldest = p.publishedAt();
      }
    }
    return oldest;
  }

  /**
   * One parsed response.
   *
   * @param oldest the earliest publish time among its posts, to stop a {@code since} walk early
   */
  private record Step(Outcome outcome, Continuation next, int records, @Nullable Instant oldest) {}
}
