package dev.snscollector.worker.route;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordContract;
import dev.snscollector.contracts.ResultEvent.RouteAttempt;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.Violation;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.worker.Collection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * One job's collection over one route: every capture fetched, the records parsed so far, and why it
 * stopped. Each response is parsed as it arrives, so the first classification (not found, a wall, a
 * rate limit) or drift ends the walk before another request is spent.
 */
public final class CollectionRun {
  static final String RECORD_CONTRACT_ID = "https://snscollector.dev/schemas/record-contract/v1";

  private final JobMessage job;
  private final Route route;
  private final ParserRegistry parsers;
  private final Clock clock;
  private final ParseContext context;
  private final long startNanos = System.nanoTime();
  private final List<Capture> captures = new ArrayList<>();
  private final List<Capture> unparsed = new ArrayList<>();
  private final List<NormalizedRecord> records = new ArrayList<>();
  private @Nullable String detail;
  private @Nullable DriftReport drift;
  private @Nullable Duration retryAfter;

  public CollectionRun(JobMessage job, Route route, ParserRegistry parsers, Clock clock) {
    this.job = job;
    this.route = route;
    this.parsers = parsers;
    this.clock = clock;
    this.context = new ParseContext(route, job.jobId(), clock.instant());
  }

  public JobMessage job() {
    return job;
  }

  /** Parses a capture and keeps its records. */
  public Step read(Capture capture) {
    return parse(capture, true);
  }

  /** Parses a capture for its continuation only (a listing whose items are read in detail). */
  public Step readAside(Capture capture) {
    return parse(capture, false);
  }

  /**
   * Keeps captures that are not parsed (what a rendered page loaded besides its document). They go
   * first in the job's archive, so the parsed document that ended the run stays last.
   */
  public void keep(List<Capture> more) {
    unparsed.addAll(more);
  }

  /** The records kept so far, in order. */
  public List<NormalizedRecord> records() {
    return records;
  }

  /** Sets the sentence that explains a non-ok outcome. */
  public void explain(String why) {
    this.detail = why;
  }

  /** Records how long the platform (or a budget) asked to wait. */
  public void retryAfter(@Nullable Duration wait) {
    if (wait != null && (retryAfter == null || wait.compareTo(retryAfter) > 0)) {
      retryAfter = wait;
    }
  }

  /** The posts kept so far (a listing page may also give the channel's profile). */
  public int postCount() {
    return (int) records.stream().filter(r -> r instanceof PostRecord).count();
  }

  /** Keeps the first {@code max} posts and every record that is not a post. */
  public void keepFirstPosts(int max) {
    int[] seen = {0};
    records.removeIf(r -> r instanceof PostRecord && ++seen[0] > max);
  }

  /**
   * True when a page of a newest-first listing reaches before the job's {@code since} and the run
   * already holds the {@code refreshLast} posts it must refresh: what follows is older still.
   */
  public boolean reachedSince(Step page) {
    Instant since = job.options().since();
    return since != null
        && page.oldest() != null
        && page.oldest().isBefore(since)
        && postCount() >= job.options().refreshLastOr0();
  }

  /**
   * Drops posts and comments published before {@code since}, except the job's {@code refreshLast}
   * newest posts (kept so their metrics are refreshed); keeps what has no date.
   */
  public void dropBefore(@Nullable Instant since) {
    if (since == null) {
      return;
    }
    Set<PostRecord> refreshed =
        records.stream()
            .filter(
                r ->
                    r instanceof PostRecord p
                        && p.publishedAt() != null
                        && p.publishedAt().isBefore(since))
            .map(PostRecord.class::cast)
            .sorted(
                Comparator.comparing(
                        (PostRecord p) -> java.util.Objects.requireNonNull(p.publishedAt()))
                    .reversed())
            .limit(job.options().refreshLastOr0())
            .collect(
                Collectors.toCollection(() -> Collections.newSetFromMap(new IdentityHashMap<>())));
    records.removeIf(
        r ->
            (r instanceof PostRecord p
                    && p.publishedAt() != null
                    && p.publishedAt().isBefore(since)
                    && !refreshed.contains(p))
                || (r instanceof CommentRecord c
                    && c.publishedAt() != null
                    && c.publishedAt().isBefore(since)));
  }

  /**
   * The run's result: one route attempt, the captures, and the records when ok. Records a collector
   * assembled from several documents (a post with its insights) are checked against the record
   * contract once more here, as every parser checks its own: an ok run whose records break it ends
   * as drift instead.
   */
  public Collection finish(Outcome outcome) {
    if (outcome == Outcome.OK) {
      List<DriftReport.PathFailure> broken = contractFailures();
      if (!broken.isEmpty()) {
        drift =
            new DriftReport(
                RECORD_CONTRACT_ID,
                1,
                captures.isEmpty() ? job.target() : captures.getLast().url(),
                broken);
        detail =
            "record contract broken: "
                + broken.stream().map(f -> f.path() + " " + f.found()).limit(3).toList();
        outcome = Outcome.STRUCTURE_CHANGED;
      }
    }
    long millis = Math.max(0, Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    String why = outcome == Outcome.OK ? null : detail;
    Long wait =
        outcome == Outcome.RATE_LIMITED && retryAfter != null
            ? Math.max(1, retryAfter.toSeconds())
            : null;
    RouteAttempt attempt = new RouteAttempt(route, outcome, why, captures.size(), millis, wait);
    List<Capture> all = new ArrayList<>(unparsed);
    all.addAll(captures);
    return new Collection(
        outcome,
        why,
        outcome == Outcome.OK ? records : List.of(),
        all,
        outcome == Outcome.STRUCTURE_CHANGED ? drift : null,
        List.of(attempt),
        millis);
  }

  private List<DriftReport.PathFailure> contractFailures() {
    List<DriftReport.PathFailure> out = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      NormalizedRecord r = records.get(i);
      for (Violation v : RecordContract.defaults().check(r)) {
        out.add(
            new DriftReport.PathFailure(
                "records/" + i + v.field(),
                "record",
                "a " + r.recordType() + " record that keeps the record contract",
                v.message(),
                List.of()));
      }
    }
    return out;
  }

  private Step parse(Capture capture, boolean keepRecords) {
    captures.add(capture);
    if (capture.status() >= 300 && capture.status() < 400) {
      return redirect(capture);
    }
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
        if (classified.outcome() == Outcome.RATE_LIMITED) {
          retryAfter(RetryAfter.of(capture, clock.instant()));
        }
        yield new Step(classified.outcome(), Continuation.NONE, 0, null);
      }
    };
  }

  /** A redirect the fetcher stopped at: a login or consent wall, or a chain it would not follow. */
  private Step redirect(Capture capture) {
    String location = capture.header("location");
    HttpUrl from = HttpUrl.parse(capture.url());
    HttpUrl to = location == null || from == null ? null : from.resolve(location);
    RedirectWalls.Wall wall = to == null ? null : RedirectWalls.of(to).orElse(null);
    if (wall != null) {
      detail = wall.reason();
      return new Step(wall.outcome(), Continuation.NONE, 0, null);
    }
    detail =
        "HTTP "
            + capture.status()
            + " redirect not followed"
            + (to == null ? "" : " (to " + to.host() + to.encodedPath() + ")");
    return new Step(Outcome.BLOCKED, Continuation.NONE, 0, null);
  }

  private static @Nullable Instant oldest(ParseResult.Parsed parsed) {
    Instant oldest = null;
    for (NormalizedRecord r : parsed.records()) {
      Instant at =
          switch (r) {
            case PostRecord p -> p.publishedAt();
            case CommentRecord c -> c.publishedAt();
            case ProfileRecord profile -> null;
            case dev.snscollector.contracts.MetricRecord metric -> null;
          };
      if (at != null && (oldest == null || at.isBefore(oldest))) {
        oldest = at;
      }
    }
    return oldest;
  }

  /**
   * One parsed response.
   *
   * @param oldest the earliest publish time among its posts or comments, to stop a {@code since}
   *     walk early
   */
  public record Step(Outcome outcome, Continuation next, int records, @Nullable Instant oldest) {
    public boolean ok() {
      return outcome == Outcome.OK;
    }
  }
}
