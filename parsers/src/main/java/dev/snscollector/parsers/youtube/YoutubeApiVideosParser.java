package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.youtube.YoutubeApiValues.count;
import static dev.snscollector.parsers.youtube.YoutubeApiValues.text;

import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code videos.list} response (parts {@code snippet}, optionally {@code statistics} and
 * {@code contentDetails}) into one {@link PostRecord} per video.
 *
 * <p>Mapping: views, likes and comments come from {@code statistics} and are null where the key is
 * absent (hidden likes, disabled comments, or the part not requested), never 0 unless the API says
 * "0"; shares and saves are null; {@code durationSeconds} comes from the ISO-8601 {@code
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
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (JsonNode item : items) {
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
        count(stats.path("viewCount")),
        count(stats.path("likeCount")),
        count(stats.path("commentCount")),
        null,
        null,
        YoutubeApiValues.bestThumbnail(snippet.path("thumbnails")).stream().toList(),
        YoutubeApiValues.hashtags(Objects.requireNonNullElse(title, ""), caption),
        YoutubeApiValues.mentions(caption),
        List.of(),
        Map.of(),
        context.observedAt(),
        source);
  }
}
