package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.youtube.YoutubeApiValues.text;

import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code playlistItems.list} response (parts {@code snippet}, optionally {@code
 * contentDetails}) into one {@link PostRecord} per video, metrics all null: this page does not show
 * them; {@code videos.list} does.
 *
 * <p>Deleted and private videos, which playlists keep as placeholders titled "Deleted video" or
 * "Private video" without a {@code videoPublishedAt}, are skipped. The continuation carries the
 * {@code nextPageToken} (null on the last page) and the kept video ids in playlist order, ready for
 * one {@code videos.list} call. An empty page (a channel without uploads) is a success with no
 * records. Error bodies, {@code playlistNotFound} included, are classified by {@link
 * YoutubeApiErrors}.
 */
public final class YoutubeApiPlaylistItemsParser extends YoutubeApiParser {
  public static final String PAGE_TYPE_ID = PageTypes.YOUTUBE_API_PLAYLIST_ITEMS;

  private static final Set<String> PLACEHOLDER_TITLES = Set.of("Deleted video", "Private video");

  public YoutubeApiPlaylistItemsParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  protected ParseResult map(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (JsonNode item : doc.path("items")) {
      JsonNode snippet = item.path("snippet");
      JsonNode details = item.path("contentDetails");
      if (isPlaceholder(snippet, details)) {
        continue;
      }
      String videoId =
          Objects.requireNonNullElse(
              text(details.path("videoId")), snippet.path("resourceId").path("videoId").asString());
      records.add(post(videoId, snippet, details, context, source));
      ids.add(videoId);
    }
    return new ParseResult.Parsed(
        records, new Continuation(text(doc.path("nextPageToken")), ids, Map.of()));
  }

  private static boolean isPlaceholder(JsonNode snippet, JsonNode details) {
    return PLACEHOLDER_TITLES.contains(snippet.path("title").asString(""))
        && !details.has("videoPublishedAt");
  }

  private static PostRecord post(
      String videoId,
      JsonNode snippet,
      JsonNode details,
      ParseContext context,
      RecordSource source) {
    String title = text(snippet.path("title"));
    String description = text(snippet.path("description"));
    Instant publishedAt =
        details.has("videoPublishedAt")
            ? YoutubeApiValues.instant(details.path("videoPublishedAt"))
            : YoutubeApiValues.instant(snippet.path("publishedAt"));
    String owner = text(snippet.path("videoOwnerChannelId"));
    String titleOrEmpty = Objects.requireNonNullElse(title, "");
    String caption = Objects.requireNonNullElse(description, "");
    return new PostRecord(
        Platform.YOUTUBE,
        videoId,
        owner != null ? owner : text(snippet.path("channelId")),
        YoutubeApiValues.watchUrl(videoId),
        "video",
        title,
        description,
        null,
        publishedAt,
        null,
        null,
        null,
        null,
        null,
        null,
        YoutubeApiValues.bestThumbnail(snippet.path("thumbnails")).stream().toList(),
        YoutubeApiValues.hashtags(titleOrEmpty, caption),
        YoutubeApiValues.mentions(caption),
        List.of(),
        Map.of(),
        context.observedAt(),
        source);
  }
}
