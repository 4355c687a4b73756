package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.instagram.InstagramValues.count;
import static dev.snscollector.parsers.instagram.InstagramValues.id;
import static dev.snscollector.parsers.instagram.InstagramValues.text;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.PostRecord.Media;
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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the private-API answer {@code GET https://i.instagram.com/api/v1/media/{id}/info/} ({@code
 * {"items": [...], "num_results": n}}) into one {@link PostRecord} per item.
 *
 * <p>Mapping: id {@code pk}; owner {@code user.pk}; URL {@code /p/<code>/} ({@code /reel/<code>/}
 * for {@code product_type: clips}, type {@code reel}); otherwise type by {@code media_type} 1
 * image, 2 video, 8 carousel; caption {@code caption.text} ({@code caption} is null for a post
 * without one); time {@code taken_at}; likes {@code like_count}; views {@code play_count} for a
 * reel, {@code view_count} for another video, {@code not_applicable} to photos and carousels;
 * comments {@code comment_count}; shares and saves {@code not_in_page_type}; media the largest
 * {@code image_versions2} candidate and {@code video_versions} entry of the post or, for a
 * carousel, of each {@code carousel_media} item, with sizes.
 *
 * <p>Value contract: {@code like_and_view_counts_disabled} (always sent) says the owner hid likes
 * and views: both are then {@code hidden_by_creator} (what the API sends in their place is not what
 * the page shows), and otherwise the schema requires them. {@code comments_disabled: true} without
 * a {@code comment_count} is comments {@code turned_off}.
 *
 * <p>{@code items: []} is {@link Outcome#NOT_FOUND} (a deleted post). Walls, throttling and "Media
 * not found or unavailable" are classified by {@link InstagramWebErrors}.
 */
public final class InstagramWebMediaInfoParser extends InstagramWebJsonParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_WEB_MEDIA_INFO;

  public InstagramWebMediaInfoParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  protected ParseResult map(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    JsonNode items = doc.path("items");
    if (items.isEmpty()) {
      return new ParseResult.Classified(Outcome.NOT_FOUND, "media info without items");
    }
    List<NormalizedRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (JsonNode item : items) {
      PostRecord post = post(item, context, source);
      records.add(post);
      ids.add(post.platformId());
    }
    return new ParseResult.Parsed(records, new Continuation(null, ids, Map.of()));
  }

  private static PostRecord post(JsonNode item, ParseContext context, RecordSource source) {
    String caption = text(item.path("caption").path("text"));
    String type = postType(item);
    String code = item.path("code").asString();
    boolean hidden = item.path("like_and_view_counts_disabled").asBoolean(false);
    Unavailability u = new Unavailability();
    Long views = null;
    if (!"video".equals(type) && !"reel".equals(type)) {
      u.mark("views", Unavailable.NOT_APPLICABLE);
    } else if (hidden) {
      u.mark("views", Unavailable.HIDDEN_BY_CREATOR);
    } else {
      // Reels show plays; other videos their views. The schema requires the one shown.
      views = count(item.path("reel".equals(type) ? "play_count" : "view_count"));
    }
    Long likes = null;
    if (hidden) {
      u.mark("likes", Unavailable.HIDDEN_BY_CREATOR);
    } else {
      likes = count(item.path("like_count"));
    }
    Long comments = count(item.path("comment_count"));
    if (comments == null && item.path("comments_disabled").asBoolean(false)) {
      u.mark("comments", Unavailable.TURNED_OFF);
    }
    u.mark("shares", Unavailable.NOT_IN_PAGE_TYPE).mark("saves", Unavailable.NOT_IN_PAGE_TYPE);
    List<Media> media = new ArrayList<>();
    JsonNode children = item.path("carousel_media");
    if (children.isArray() && !children.isEmpty()) {
      children.forEach(c -> addMedia(media, c));
    } else {
      addMedia(media, item);
    }
    return new PostRecord(
        Platform.INSTAGRAM,
        requirePk(item),
        id(item.path("user").path("pk")),
        "reel".equals(type) ? InstagramValues.reelUrl(code) : InstagramValues.postUrl(code),
        type,
        null,
        caption,
        null,
        InstagramValues.epochSeconds(item.path("taken_at")),
        item.path("video_duration").isNumber()
            ? Math.round(item.get("video_duration").asDouble())
            : null,
        views,
        likes,
        comments,
        null,
        null,
        media,
        InstagramValues.hashtags(caption),
        InstagramValues.mentions(caption),
        List.of(),
        u.reasons(),
        context.observedAt(),
        source);
  }

  private static String requirePk(JsonNode item) {
    String pk = id(item.path("pk"));
    if (pk != null) {
      return pk;
    }
    String full = item.path("id").asString();
    int underscore = full.indexOf('_');
    return underscore > 0 ? full.substring(0, underscore) : full;
  }

  private static @Nullable String postType(JsonNode item) {
    if ("clips".equals(text(item.path("product_type")))) {
      return "reel";
    }
    return switch (item.path("media_type").asInt(0)) {
      case 1 -> "image";
      case 2 -> "video";
      case 8 -> "carousel";
      default -> null;
    };
  }

  private static void addMedia(List<Media> out, JsonNode node) {
    // A video's image candidates are its cover frame.
    String imageType = node.path("media_type").asInt(0) == 2 ? "thumbnail" : "image";
    largest(node.path("image_versions2").path("candidates"), imageType, out);
    largest(node.path("video_versions"), "video", out);
  }

  private static void largest(JsonNode candidates, String type, List<Media> out) {
    JsonNode best = null;
    for (JsonNode c : candidates) {
      if (c.path("url").isString()
          && (best == null || c.path("width").asInt(0) > best.path("width").asInt(0))) {
        best = c;
      }
    }
    if (best != null) {
      out.add(
          new Media(
              type,
              best.path("url").asString(),
              best.path("width").isInt() ? best.get("width").asInt() : null,
              best.path("height").isInt() ? best.get("height").asInt() : null));
    }
  }
}
