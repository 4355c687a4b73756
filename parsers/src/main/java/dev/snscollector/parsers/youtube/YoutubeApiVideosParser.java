package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.youtube.YoutubeApiValues.count;
import static dev.snscollector.parsers.youtube.YoutubeApiValues.text;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code videos.list} response (parts {@code snippet}, optionally {@code statistics} and
 * {@code contentDetails}) into one {@link PostRecord} per video.
 *
 * <p>Mapping: views, likes and comments come from {@code statistics}: {@code viewCount} is always
 * there; an absent {@code likeCount} is {@code hidden_by_creator} and an absent {@code
 * commentCount} {@code turned_off}, as the API documents (the statistics object is closed, so a
 * renamed key is drift); a response without the part leaves all three {@code not_requested}, only
 * when no item has it and the request did not ask for it. Never 0 unless the API says "0". Shares
 * and saves are not YouTube numbers (null); {@code durationSeconds} comes from the ISO-8601 {@code
 * contentDetails.duration} and is null for {@code P0D} (live and upcoming broadcasts); hashtags are
 * the #words of title and description ({@code snippet.tags} are not hashtags and are left out);
 * mentions are the @handles of the description; postType is always {@code video}, as the API does
 * not say which uploads are Shorts.
 *
 * <p>A response without items (every requested id unknown, deleted or private) is {@link
 * Outcome#NOT_FOUND}. Error bodies are classified by {@link YoutubeApiErrors}.
 */
public final class YoutubeApiVideosParser extends YoutubeApiParser {
  public static final String PAGE_TYPE_ID = PageTypes.YOUTUBE_API_VIDEOS;

  public YoutubeApiVideosParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  protected ParseResult map(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    JsonNode items = doc.path("items");
    if (items.isEmpty()) {
      String target = YoutubeApiValues.target(capture.url(), Set.of("id"));
      return new ParseResult.Classified(Outcome.NOT_FOUND, "no video matches " + target);
    }
    @Nullable Set<String> parts = YoutubeApiValues.requestedParts(capture.url());
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.path("statistics").isObject() && parts != null && parts.contains("statistics")) {
        return YoutubeDrift.missing(
            schema(),
            capture.url(),
            "/items/" + i + "/statistics",
            "object (the request asked for part=statistics)");
      }
      PostRecord post = post(item, context, source);
      records.add(post);
      ids.add(post.platformId());
    }
    return new ParseResult.Parsed(
        records, new Continuation(text(doc.path("nextPageToken")), ids, Map.of()));
  }

  private static PostRecord post(JsonNode item, ParseContext context, RecordSource source) {
    String id = item.path("id").asString();
    JsonNode snippet = item.path("snippet");
    JsonNode stats = item.path("statistics");
    String title = text(snippet.path("title"));
    String description = text(snippet.path("description"));
    String caption = Objects.requireNonNullElse(description, "");
    Unavailability u = new Unavailability();
    boolean requested = stats.isObject();
    return new PostRecord(
        Platform.YOUTUBE,
        id,
        text(snippet.path("channelId")),
        YoutubeApiValues.watchUrl(id),
        "video",
        title,
        description,
        null,
        YoutubeApiValues.instant(snippet.path("publishedAt")),
        YoutubeApiValues.durationSeconds(text(item.path("contentDetails").path("duration"))),
        u.value(
            "views", count(stats.path("viewCount")), requested ? null : Unavailable.NOT_REQUESTED),
        u.value(
            "likes",
            count(stats.path("likeCount")),
            requested ? Unavailable.HIDDEN_BY_CREATOR : Unavailable.NOT_REQUESTED),
        u.value(
            "comments",
            count(stats.path("commentCount")),
            requested ? Unavailable.TURNED_OFF : Unavailable.NOT_REQUESTED),
        null,
        null,
        YoutubeApiValues.bestThumbnail(snippet.path("thumbnails")).stream().toList(),
        YoutubeApiValues.hashtags(Objects.requireNonNullElse(title, ""), caption),
        YoutubeApiValues.mentions(caption),
        List.of(),
        u.reasons(),
        context.observedAt(),
        source);
  }
}
