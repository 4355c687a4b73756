package dev.snscollector.parsers.tiktok;

import static dev.snscollector.parsers.tiktok.TiktokValues.text;

import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.PostRecord.Media;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a TikTok video page ({@code https://www.tiktok.com/@handle/video/<id>}): {@code
 * __DEFAULT_SCOPE__["webapp.video-detail"].itemInfo.itemStruct} into one {@link PostRecord}.
 *
 * <p>Mapping: owner {@code author.id}; views {@code playCount}, likes {@code diggCount}, comments
 * {@code commentCount}, shares {@code shareCount}, saves {@code collectCount}, all from {@code
 * statsV2} (exact decimal strings; the rounded {@code stats} beside it is never read, so a page
 * without {@code statsV2} is drift); caption {@code desc}; publishedAt {@code createTime} (epoch
 * seconds, number or string); duration {@code video.duration}, null when 0; media the {@code
 * video.cover} as a thumbnail; hashtags the {@code challenges[].title}, then {@code
 * textExtra[].hashtagName}, then #words of the caption, each once; mentions {@code
 * textExtra[].userUniqueId}. A photo post ({@code imagePost}) has postType {@code photo}, its
 * images as media and its title {@code imagePost.title} (unavailable {@code not_set} when empty); a
 * photo post's page ({@code /photo/} in its URL) without {@code imagePost} is drift, not a video. A
 * video has no title on the web page, only the caption ({@code not_in_page_type}). The continuation
 * carries the author's id and handle.
 *
 * <p>Without {@code itemInfo.itemStruct}, the statusCode decides through {@link TiktokWebStatus}:
 * deleted videos are {@link Outcome#NOT_FOUND}, private ones {@link Outcome#PRIVATE}.
 */
public final class TiktokWebVideoParser extends TiktokWebParser {
  public static final String PAGE_TYPE_ID = PageTypes.TIKTOK_WEB_VIDEO;
  static final String SCOPE = "webapp.video-detail";
  private static final String ITEM = "/__DEFAULT_SCOPE__/" + SCOPE + "/itemInfo/itemStruct";

  public TiktokWebVideoParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  protected ParseResult map(
      JsonNode data, DocumentView page, ParseContext context, RecordSource source) {
    JsonNode detail = data.path("__DEFAULT_SCOPE__").path(SCOPE);
    JsonNode item = detail.path("itemInfo").path("itemStruct");
    if (!item.isObject()) {
      return TiktokWebStatus.classify(
          SCOPE, detail.path("statusCode").asInt(), detail.path("statusMsg").asString(""));
    }
    String id = item.path("id").asString();
    JsonNode author = item.path("author");
    String handle = text(author.path("uniqueId"));
    boolean photo = item.path("imagePost").isObject();
    if (!photo && page.url().contains("/photo/")) {
      // A photo post's page, by its URL, whose images and title are gone: not a video.
      return new ParseResult.Drifted(
          new DriftReport(
              schema().id(),
              schema().version(),
              page.url(),
              List.of(
                  new DriftReport.PathFailure(
                      ITEM + "/imagePost",
                      "required",
                      "object (the URL is a photo post's)",
                      "missing",
                      List.of()))));
    }
    JsonNode stats = item.path("statsV2");
    String caption = item.path("desc").asString();
    Unavailability unavailable = new Unavailability();
    String title =
        photo
            ? unavailable.value(
                "title", text(item.path("imagePost").path("title")), Unavailable.NOT_SET)
            : unavailable.value("title", null, Unavailable.NOT_IN_PAGE_TYPE);
    PostRecord post =
        new PostRecord(
            Platform.TIKTOK,
            id,
            text(author.path("id")),
            "https://www.tiktok.com/@"
                + (handle == null ? "_" : handle)
                + (photo ? "/photo/" : "/video/")
                + id,
            photo ? "photo" : "video",
            title,
            caption,
            null,
            TiktokValues.epochSeconds(item.path("createTime")),
            photo ? null : TiktokValues.positive(item.path("video").path("duration")),
            TiktokValues.count(stats.path("playCount")),
            TiktokValues.count(stats.path("diggCount")),
            TiktokValues.count(stats.path("commentCount")),
            TiktokValues.count(stats.path("shareCount")),
            TiktokValues.count(stats.path("collectCount")),
            media(item, photo),
            hashtags(item, caption),
            mentions(item),
            List.of(),
            unavailable.reasons(),
            context.observedAt(),
            source);
    Map<String, String> values = new java.util.HashMap<>();
    String authorId = text(author.path("id"));
    if (authorId != null) {
      values.put("authorId", authorId);
    }
    if (handle != null) {
      values.put("authorHandle", handle);
    }
    return new ParseResult.Parsed(List.of(post), new Continuation(null, List.of(id), values));
  }

  private static List<Media> media(JsonNode item, boolean photo) {
    List<Media> out = new ArrayList<>();
    if (photo) {
      for (JsonNode image : item.path("imagePost").path("images")) {
        String url = text(image.path("imageURL").path("urlList").path(0));
        if (url != null) {
          out.add(
              new Media(
                  "image",
                  url,
                  integer(image.path("imageWidth")),
                  integer(image.path("imageHeight"))));
        }
      }
      return out;
    }
    JsonNode video = item.path("video");
    String cover = text(video.path("cover"));
    if (cover == null) {
      cover = text(video.path("originCover"));
    }
    if (cover != null) {
      out.add(
          new Media(
              "thumbnail", cover, integer(video.path("width")), integer(video.path("height"))));
    }
    return out;
  }

  private static List<String> hashtags(
      JsonNode item, @org.jspecify.annotations.Nullable String caption) {
    List<String> out = new ArrayList<>();
    item.path("challenges").forEach(c -> TiktokValues.addDistinct(out, text(c.path("title"))));
    item.path("textExtra").forEach(t -> TiktokValues.addDistinct(out, text(t.path("hashtagName"))));
    TiktokValues.hashtags(caption).forEach(h -> TiktokValues.addDistinct(out, h));
    return out;
  }

  private static List<String> mentions(JsonNode item) {
    List<String> out = new ArrayList<>();
    item.path("textExtra")
        .forEach(t -> TiktokValues.addDistinct(out, text(t.path("userUniqueId"))));
    return out;
  }

  private static @org.jspecify.annotations.Nullable Integer integer(JsonNode node) {
    return node.isInt() && node.asInt() > 0 ? node.asInt() : null;
  }
}
