package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.instagram.InstagramValues.count;
import static dev.snscollector.parsers.instagram.InstagramValues.text;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.PostRecord.Media;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code GET https://i.instagram.com/api/v1/users/web_profile_info/?username=<handle>}
 * ({@code data.user}) into a {@link ProfileRecord} and one {@link PostRecord} per edge of {@code
 * edge_owner_to_timeline_media} (the first 12 posts).
 *
 * <p>Profile: handle {@code username}, displayName {@code full_name} (always sent; an empty one is
 * {@code not_set}), followers {@code edge_followed_by.count}, following {@code edge_follow.count},
 * postCount {@code edge_owner_to_timeline_media.count}, verified {@code is_verified}, links {@code
 * external_url} then any other {@code bio_links[].url}, avatar {@code profile_pic_url_hd} else
 * {@code profile_pic_url}. Posts: URL {@code /p/<shortcode>/} ({@code /reel/} for clips), owner
 * {@code owner.id} else the profile's id, publishedAt {@code taken_at_timestamp}, likes {@code
 * edge_liked_by} else {@code edge_media_preview_like} (the schema requires one), comments {@code
 * edge_media_to_comment}, views {@code video_view_count}, required for videos ({@code is_video})
 * and {@code not_applicable} to photos; shares and saves are {@code not_in_page_type}; type from
 * {@code product_type} and {@code __typename}.
 *
 * <p><b>Private accounts</b> are parsed, not classified PRIVATE: the profile and its counts are
 * public and are what the platform tracks, so the result is the profile and no posts, and the
 * continuation says {@code isPrivate=true} so the worker does not page for posts it cannot see.
 * {@code data.user: null} is {@link Outcome#NOT_FOUND}. The continuation's nextPageToken is {@code
 * page_info.end_cursor} when {@code has_next_page}. Walls and throttling are classified by {@link
 * InstagramWebErrors}.
 */
public final class InstagramWebProfileInfoParser extends InstagramWebJsonParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_WEB_PROFILE_INFO;

  public InstagramWebProfileInfoParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  protected ParseResult map(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    JsonNode user = doc.path("data").path("user");
    if (user.isNull()) {
      return new ParseResult.Classified(Outcome.NOT_FOUND, "data.user is null: no such account");
    }
    String userId = user.path("id").asString();
    JsonNode timeline = user.path("edge_owner_to_timeline_media");
    List<NormalizedRecord> records = new ArrayList<>();
    records.add(profile(user, context, source));
    List<String> ids = new ArrayList<>();
    for (JsonNode edge : timeline.path("edges")) {
      PostRecord post = post(edge.path("node"), userId, context, source);
      records.add(post);
      ids.add(post.platformId());
    }
    JsonNode pageInfo = timeline.path("page_info");
    String next =
        pageInfo.path("has_next_page").asBoolean(false) ? text(pageInfo.path("end_cursor")) : null;
    Map<String, String> values = new LinkedHashMap<>();
    values.put("userId", userId);
    values.put("isPrivate", Boolean.toString(user.path("is_private").asBoolean(false)));
    return new ParseResult.Parsed(records, new Continuation(next, ids, values));
  }

  private static ProfileRecord profile(JsonNode user, ParseContext context, RecordSource source) {
    List<String> links = new ArrayList<>();
    String external = text(user.path("external_url"));
    if (external != null && !external.isEmpty()) {
      links.add(external);
    }
    for (JsonNode link : user.path("bio_links")) {
      String url = text(link.path("url"));
      if (url != null && !url.isEmpty() && !links.contains(url)) {
        links.add(url);
      }
    }
    String avatar = text(user.path("profile_pic_url_hd"));
    Unavailability u = new Unavailability();
    String name = text(user.path("full_name"));
    if (name != null && name.isBlank()) {
      // The page shows the name empty: the creator never set one.
      name = null;
      u.mark("displayName", Unavailable.NOT_SET);
    }
    return new ProfileRecord(
        Platform.INSTAGRAM,
        user.path("id").asString(),
        text(user.path("username")),
        name,
        text(user.path("biography")),
        avatar != null ? avatar : text(user.path("profile_pic_url")),
        count(user.path("edge_followed_by").path("count")),
        count(user.path("edge_follow").path("count")),
        count(user.path("edge_owner_to_timeline_media").path("count")),
        null,
        null,
        user.path("is_verified").isBoolean() ? user.get("is_verified").asBoolean() : null,
        links,
        null,
        List.of(),
        u.reasons(),
        context.observedAt(),
        source);
  }

  private static PostRecord post(
      JsonNode node, String userId, ParseContext context, RecordSource source) {
    String shortcode = node.path("shortcode").asString();
    String caption =
        text(node.path("edge_media_to_caption").path("edges").path(0).path("node").path("text"));
    boolean video = node.path("is_video").asBoolean(false);
    String type = postType(node, video);
    JsonNode likes = node.path("edge_liked_by").path("count");
    if (!likes.isIntegralNumber()) {
      likes = node.path("edge_media_preview_like").path("count");
    }
    String owner = text(node.path("owner").path("id"));
    Unavailability u = new Unavailability();
    if (!video) {
      u.mark("views", Unavailable.NOT_APPLICABLE);
    }
    u.mark("shares", Unavailable.NOT_IN_PAGE_TYPE).mark("saves", Unavailable.NOT_IN_PAGE_TYPE);
    return new PostRecord(
        Platform.INSTAGRAM,
        node.path("id").asString(),
        owner != null ? owner : userId,
        "reel".equals(type)
            ? InstagramValues.reelUrl(shortcode)
            : InstagramValues.postUrl(shortcode),
        type,
        null,
        caption,
        null,
        InstagramValues.epochSeconds(node.path("taken_at_timestamp")),
        node.path("video_duration").isNumber()
            ? Math.round(node.get("video_duration").asDouble())
            : null,
        video ? count(node.path("video_view_count")) : null,
        count(likes),
        count(node.path("edge_media_to_comment").path("count")),
        null,
        null,
        media(node),
        InstagramValues.hashtags(caption),
        InstagramValues.mentions(caption),
        List.of(),
        u.reasons(),
        context.observedAt(),
        source);
  }

  private static @Nullable String postType(JsonNode node, boolean video) {
    if ("clips".equals(text(node.path("product_type")))) {
      return "reel";
    }
    return switch (node.path("__typename").asString("")) {
      case "GraphSidecar", "XDTGraphSidecar" -> "carousel";
      case "GraphVideo", "XDTGraphVideo" -> "video";
      case "GraphImage", "XDTGraphImage" -> "image";
      default -> video ? "video" : "image";
    };
  }

  private static List<Media> media(JsonNode node) {
    List<Media> out = new ArrayList<>();
    addMedia(out, node);
    for (JsonNode child : node.path("edge_sidecar_to_children").path("edges")) {
      addMedia(out, child.path("node"));
    }
    return out;
  }

  private static void addMedia(List<Media> out, JsonNode node) {
    JsonNode dims = node.path("dimensions");
    Integer width = dims.path("width").isInt() ? dims.get("width").asInt() : null;
    Integer height = dims.path("height").isInt() ? dims.get("height").asInt() : null;
    String display = text(node.path("display_url"));
    if (display != null) {
      // A video's display_url is its cover frame.
      String type = node.path("is_video").asBoolean(false) ? "thumbnail" : "image";
      out.add(new Media(type, display, width, height));
    }
    String video = text(node.path("video_url"));
    if (video != null) {
      out.add(new Media("video", video, width, height));
    }
  }
}
