package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.instagram.InstagramValues.count;
import static dev.snscollector.parsers.instagram.InstagramValues.text;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.PostRecord.Media;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.ParseContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps one Graph API IG Media object ({@code /{ig-user-id}/media}, {@code /{media-id}},
 * business_discovery's {@code media}) to a {@link PostRecord}.
 *
 * <p>postType: {@code media_product_type} REELS is {@code reel}; otherwise {@code media_type}
 * IMAGE, VIDEO, CAROUSEL_ALBUM is {@code image}, {@code video}, {@code carousel}. Media: the post's
 * {@code media_url} and {@code thumbnail_url}, then each carousel child's; the API gives no sizes.
 *
 * <p>Values: ownerId {@code owner.id}, else the account the request named (the user of {@code
 * /{ig-user-id}/media}, the business_discovery account); publishedAt {@code timestamp}; likes
 * {@code like_count}; comments {@code comments_count}. A field the request did not ask for is
 * {@code not_requested}; one it asked for and did not get is drift ({@link InstagramGraphFields}),
 * except {@code like_count} on media reached through an edge or field expansion, which the API
 * omits when the owner hid like counts ({@code hidden_by_creator}). Fetched by id, only the owner
 * can read the media, and the API then always sends the count. Views, shares and saves are not
 * media fields (they are insights): {@code not_in_page_type}.
 */
final class InstagramGraphMedia {
  /** IG Media's default fields: a request without {@code fields} gets these. */
  static final Set<String> DEFAULT_FIELDS = Set.of("id");

  private InstagramGraphMedia() {}

  /**
   * One media node as a post.
   *
   * @param at the node's JSON pointer in the document, for drift reports
   * @param fields what the request asked for on this node
   * @param throughEdge whether the media was reached through an edge or field expansion (where a
   *     hidden like count is omitted) rather than fetched by id
   * @param ownerId the account the request named, when it did
   */
  static PostRecord post(
      JsonNode node,
      String at,
      InstagramGraphFields fields,
      boolean throughEdge,
      @Nullable String ownerId,
      ParseContext context,
      RecordSource source) {
    String caption = text(node.path("caption"));
    Unavailability u = new Unavailability();
    String owner = text(node.path("owner").path("id"));
    if (owner == null) {
      owner = ownerId;
    }
    if (owner == null) {
      u.mark("ownerId", fields.absent("owner", at + "/owner"));
    }
    Instant published = InstagramValues.graphTime(node.path("timestamp"));
    if (published == null) {
      u.mark("publishedAt", fields.absent("timestamp", at + "/timestamp"));
    }
    Long likes = count(node.path("like_count"));
    if (likes == null) {
      String pointer = at + "/like_count";
      u.mark(
          "likes",
          throughEdge ? fields.likesAbsent(pointer) : fields.absent("like_count", pointer));
    }
    Long comments = count(node.path("comments_count"));
    if (comments == null) {
      u.mark("comments", fields.absent("comments_count", at + "/comments_count"));
    }
    u.mark("views", Unavailable.NOT_IN_PAGE_TYPE)
        .mark("shares", Unavailable.NOT_IN_PAGE_TYPE)
        .mark("saves", Unavailable.NOT_IN_PAGE_TYPE);
    List<Media> media = new ArrayList<>();
    addMedia(media, node);
    for (JsonNode child : node.path("children").path("data")) {
      addMedia(media, child);
    }
    return new PostRecord(
        Platform.INSTAGRAM,
        node.path("id").asString(),
        owner,
        text(node.path("permalink")),
        postType(text(node.path("media_type")), text(node.path("media_product_type"))),
        null,
        caption,
        null,
        published,
        null,
        null,
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

  static @Nullable String postType(@Nullable String mediaType, @Nullable String productType) {
    if ("REELS".equals(productType)) {
      return "reel";
    }
    if (mediaType == null) {
      return null;
    }
    return switch (mediaType) {
      case "IMAGE" -> "image";
      case "VIDEO" -> "video";
      case "CAROUSEL_ALBUM" -> "carousel";
      default -> null;
    };
  }

  private static void addMedia(List<Media> out, JsonNode node) {
    String url = text(node.path("media_url"));
    // A carousel's own media_url is its first child's; list it once.
    if (url != null && out.stream().noneMatch(m -> m.url().equals(url))) {
      String type = "VIDEO".equals(text(node.path("media_type"))) ? "video" : "image";
      out.add(new Media(type, url, null, null));
    }
    String thumbnail = text(node.path("thumbnail_url"));
    if (thumbnail != null && out.stream().noneMatch(m -> m.url().equals(thumbnail))) {
      out.add(new Media("thumbnail", thumbnail, null, null));
    }
  }
}
