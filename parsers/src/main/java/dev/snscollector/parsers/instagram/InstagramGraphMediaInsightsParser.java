package dev.snscollector.parsers.instagram;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code GET /{media-id}/insights?metric=…} (legacy: {@code engagement}, {@code impressions},
 * {@code reach}, {@code saved}, {@code plays}, {@code video_views} with {@code values[0].value};
 * v18+: {@code total_value} for {@code views}, {@code reach}, {@code saved}, {@code shares}, {@code
 * likes}, {@code comments}, {@code profile_activity}…) into one {@link PostRecord} carrying only
 * the metrics the post record has a field for.
 *
 * <p>Mapping: saves ← {@code saved}; shares ← {@code shares}; views ← {@code views}, else {@code
 * plays}, else {@code video_views}; likes ← {@code likes}; comments ← {@code comments}. The API
 * answers with exactly the metrics the request's {@code metric} parameter named (a metric a media
 * type does not have is an error, not an absence), so a metric it did not name is {@code
 * not_requested}, and one it named that is not in {@code data} is drift at {@code /data}. The owner
 * and publication time are {@code not_in_page_type}; every other field of the record (URL, type,
 * caption, media) is null: this page does not show them, and the media list does. The media id is
 * the prefix of the entries' {@code id} ({@code <media-id>/insights/<metric>/lifetime}).
 *
 * <p>Reach, impressions, engagement, total interactions and profile activity have no place in the
 * record model and are dropped (see the fixtures README). A response none of whose metrics maps
 * (e.g. only {@code profile_activity}) yields no record rather than one of nulls; an empty {@code
 * data} likewise. Error bodies are classified by {@link InstagramGraphErrors}; an entry whose
 * {@code id} names no media is drift.
 */
public final class InstagramGraphMediaInsightsParser extends InstagramGraphParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_GRAPH_MEDIA_INSIGHTS;

  private static final Set<String> MAPPED =
      Set.of("saved", "shares", "views", "plays", "video_views", "likes", "comments");
  private static final List<String> VIEWS = List.of("views", "plays", "video_views");

  public InstagramGraphMediaInsightsParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult mapGraph(JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    JsonNode data = doc.path("data");
    Map<String, Long> totals = InstagramGraphInsights.totals(data);
    if (data.isEmpty()) {
      return new ParseResult.Parsed(List.of(), Continuation.NONE);
    }
    // The schema requires every entry's id to be <media-id>/insights/…, so this holds.
    String mediaId = Objects.requireNonNull(InstagramGraphInsights.ownerId(data), "insights id");
    if (totals.keySet().stream().noneMatch(MAPPED::contains)) {
      return new ParseResult.Parsed(List.of(), new Continuation(null, List.of(mediaId), Map.of()));
    }
    InstagramGraphFields metrics =
        InstagramGraphFields.fromUrls("metric", Set.of(), List.of(capture.url()));
    Unavailability u = new Unavailability();
    Long views = null;
    for (String name : VIEWS) {
      if (views == null) {
        views = totals.get(name);
      }
    }
    if (views == null) {
      u.mark("views", absent(metrics, VIEWS));
    }
    Long likes = metric(totals, metrics, "likes", "likes", u);
    Long comments = metric(totals, metrics, "comments", "comments", u);
    Long shares = metric(totals, metrics, "shares", "shares", u);
    Long saves = metric(totals, metrics, "saved", "saves", u);
    u.mark("ownerId", Unavailable.NOT_IN_PAGE_TYPE)
        .mark("publishedAt", Unavailable.NOT_IN_PAGE_TYPE);
    PostRecord post =
        new PostRecord(
            Platform.INSTAGRAM,
            mediaId,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            views,
            likes,
            comments,
            shares,
            saves,
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            u.reasons(),
            context.observedAt(),
            source);
    return new ParseResult.Parsed(
        List.of(post), new Continuation(null, List.of(mediaId), Map.of()));
  }

  private static @Nullable Long metric(
      Map<String, Long> totals,
      InstagramGraphFields metrics,
      String name,
      String field,
      Unavailability u) {
    Long value = totals.get(name);
    if (value == null) {
      u.mark(field, absent(metrics, List.of(name)));
    }
    return value;
  }

  /** Not requested, or drift when the request named one of {@code names}. */
  private static Unavailable absent(InstagramGraphFields metrics, List<String> names) {
    for (String name : names) {
      if (metrics.asked(name)) {
        throw new InstagramGraphFields.Missing(
            "/data", "an entry for the metric " + name + ", which the request named");
      }
    }
    return Unavailable.NOT_REQUESTED;
  }
}
