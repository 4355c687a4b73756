package dev.snscollector.parsers.tiktok;

import static dev.snscollector.parsers.tiktok.TiktokValues.text;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.PostRecord.Media;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.ParseContext;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps one Display API video object ({@code id, title, video_description, create_time,
 * cover_image_url, share_url, duration, width, height, like_count, comment_count, share_count,
 * view_count}) to a {@link PostRecord}. Only the fields requested with {@code ?fields=} are present
 * ({@link TiktokApiFields}): a value not asked for is unavailable {@code not_requested}; one asked
 * for and missing is drift at its path. An empty {@code title} is unavailable {@code not_set} (the
 * creator gave none). The API has no save count and the video object no owner (the token's creator
 * is the owner): both are unavailable {@code not_in_page_type}. The URL is {@code share_url}
 * without its tracking query.
 */
final class TiktokApiVideos {
  private TiktokApiVideos() {}

  static PostRecord post(
      JsonNode video,
      String pointer,
      TiktokApiFields fields,
      ParseContext context,
      RecordSource source) {
    String id = video.path("id").asString();
    Unavailability u = new Unavailability();
    String caption =
        video.path("video_description").isString()
            ? video.get("video_description").asString()
            : null;
    String cover = text(video.path("cover_image_url"));
    String title = fields.value(text(video.path("title")), video, "title", pointer, "title", u);
    if (title == null && video.path("title").isString()) {
      u.mark("title", Unavailable.NOT_SET);
    }
    return new PostRecord(
        Platform.TIKTOK,
        id,
        u.value("ownerId", null, Unavailable.NOT_IN_PAGE_TYPE),
        url(text(video.path("share_url"))),
        "video",
        title,
        caption,
        null,
        fields.value(
            TiktokValues.epochSeconds(video.path("create_time")),
            video,
            "create_time",
            pointer,
            "publishedAt",
            u),
        TiktokValues.positive(video.path("duration")),
        count(fields, video, "view_count", pointer, "views", u),
        count(fields, video, "like_count", pointer, "likes", u),
        count(fields, video, "comment_count", pointer, "comments", u),
        count(fields, video, "share_count", pointer, "shares", u),
        u.value("saves", null, Unavailable.NOT_IN_PAGE_TYPE),
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
        u.reasons(),
        context.observedAt(),
        source);
  }

  private static @Nullable Long count(
      TiktokApiFields fields,
      JsonNode video,
      String key,
      String pointer,
      String field,
      Unavailability u) {
    return fields.value(TiktokValues.count(video.path(key)), video, key, pointer, field, u);
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
