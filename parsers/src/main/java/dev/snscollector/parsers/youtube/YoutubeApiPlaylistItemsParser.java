package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.youtube.YoutubeApiValues.text;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code playlistItems.list} response (parts {@code snippet}, optionally {@code
 * contentDetails}) into one {@link PostRecord} per video. A playlist item shows no statistics:
 * views, likes and comments are {@code not_in_page_type} ({@code videos.list} has them).
 *
 * <p>Mapping: the owner is {@code snippet.videoOwnerChannelId}; in responses from before the API
 * sent it, an uploads playlist's ({@code UU...}) videos all belong to {@code snippet.channelId},
 * and other playlists' owners are {@code not_in_page_type}. publishedAt is {@code
 * contentDetails.videoPublishedAt}; without the {@code contentDetails} part (no item has it and the
 * request did not ask for it) it is {@code not_requested}, never the item's {@code
 * snippet.publishedAt}, which is when the video was added to the playlist.
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
    @Nullable Set<String> parts = YoutubeApiValues.requestedParts(capture.url());
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    JsonNode items = doc.path("items");
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      JsonNode snippet = item.path("snippet");
      JsonNode details = item.path("contentDetails");
      if (!details.isObject() && parts != null && parts.contains("contentDetails")) {
        return YoutubeDrift.missing(
            schema(),
            capture.url(),
            "/items/" + i + "/contentDetails",
            "object (the request asked for part=contentDetails)");
      }
      if (isPlaceholder(snippet, details)) {
        continue;
      }
      String videoId = snippet.path("resourceId").path("videoId").asString();
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
    Unavailability u = new Unavailability();
    @Nullable Instant publishedAt =
        u.value(
            "publishedAt",
            YoutubeApiValues.instant(details.path("videoPublishedAt")),
            details.isObject() ? null : Unavailable.NOT_REQUESTED);
    String titleOrEmpty = Objects.requireNonNullElse(title, "");
    String caption = Objects.requireNonNullElse(description, "");
    for (String metric : List.of("views", "likes", "comments")) {
      u.mark(metric, Unavailable.NOT_IN_PAGE_TYPE);
    }
    return new PostRecord(
        Platform.YOUTUBE,
        videoId,
        u.value("ownerId", owner(snippet), Unavailable.NOT_IN_PAGE_TYPE),
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
        u.reasons(),
        context.observedAt(),
        source);
  }

  /**
   * The video's owner; for an uploads playlist, whose videos are all its channel's, that channel.
   */
  private static @Nullable String owner(JsonNode snippet) {
    String owner = text(snippet.path("videoOwnerChannelId"));
    if (owner != null) {
      return owner;
    }
    return snippet.path("playlistId").asString("").startsWith("UU")
        ? text(snippet.path("channelId"))
        : null;
  }
}
