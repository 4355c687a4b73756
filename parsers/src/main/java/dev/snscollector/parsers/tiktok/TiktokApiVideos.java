package dev.snscollector.parsers.tiktok;

import static dev.snscollector.parsers.tiktok.TiktokValues.text;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.PostRecord.Media;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.ParseContext;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps one Display API video object ({@code id, title, video_description, create_time,
 * cover_image_url, share_url, duration, width, height, like_count, comment_count, share_count,
 * view_count}) to a {@link PostRecord}. Only the fields requested with {@code ?fields=} are
 * present; an absent count is null. The API has no save count and no owner id (the token's creator
 * is the owner), so both are null. The URL is {@code share_url} without its tracking query.
 */
final class TiktokApiVideos {
  private TiktokApiVideos() {}

  static PostRecord post(JsonNode video, ParseContext context, RecordSource source) {
    String id = video.path("id").asString();
    String caption =
        video.path("video_description").isString()
            ? video.get("video_description").asString()
            : null;
    String cover = text(video.path("cover_image_url"));
    return new PostRecord(
        Platform.TIKTOK,
        id,
        null,
        url(text(video.path("share_url"))),
        "video",
        text(video.path("title")),
        caption,
        null,
        TiktokValues.epochSeconds(video.path("create_time")),
        TiktokValues.positive(video.path("duration")),
        TiktokValues.count(video.path("view_count")),
        TiktokValues.count(video.path("like_count")),
        TiktokValues.count(video.path("comment_count")),
        TiktokValues.count(video.path("share_count")),
        null,
        cover == null
            ? List.of()
            : List.of(
                new Media(
                    "thumbnail",
                    cover,
                    dimension(video.path("width")),
                    dimension(video.path("height")))),
        TiktokValues.hashtags(caption),
        TiktokValues.mentions(caption),
        List.of(),
        Map.of(),
        context.observedAt(),
        source);
  }

  private static @Nullable String url(@Nullable String shareUrl) {
    if (shareUrl == null) {
      return null;
    }
    int query = shareUrl.indexOf('?');
    return query < 0 ? shareUrl : shareUrl.substring(0, query);
  }

  private static @Nullable Integer dimension(JsonNode node) {
    return node.isInt() && node.asInt() > 0 ? node.asInt() : null;
  }
}
