package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.instagram.InstagramValues.count;
import static dev.snscollector.parsers.instagram.InstagramValues.text;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.PostRecord.Media;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.ParseContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps one Graph API IG Media object ({@code /{ig-user-id}/media}, {@code /{media-id}},
 * business_discovery's {@code media}) to a {@link PostRecord}.
 *
 * <p>postType: {@code media_product_type} REELS is {@code reel}; otherwise {@code media_type}
 * IMAGE, VIDEO, CAROUSEL_ALBUM is {@code image}, {@code video}, {@code carousel}. likes and
 * comments are {@code like_count} and {@code comments_count}, null when absent (the owner hid
 * likes, or the fields were not requested). Media: the post's {@code media_url} and {@code
 * thumbnail_url}, then each carousel child's; the API gives no sizes. Views, shares and saves are
 * not media fields (they are insights) and stay null.
 */
final class InstagramGraphMedia {
  private InstagramGraphMedia() {}

  static PostRecord post(
      JsonNode node, @Nullable String ownerId, ParseContext context, RecordSource source) {
    String caption = text(node.path("caption"));
    String owner = text(node.path("owner").path("id"));
    List<Media> media = new ArrayList<>();
    addMedia(media, node);
    for (JsonNode child : node.path("children").path("data")) {
      addMedia(media, child);
    }
    return new PostRecord(
        Platform.INSTAGRAM,
        node.path("id").asString(),
        owner != null ? owner : ownerId,
        text(node.path("permalink")),
        postType(text(node.path("media_type")), text(node.path("media_product_type"))),
        null,
        caption,
        null,
        InstagramValues.graphTime(node.path("timestamp")),
        null,
        null,
        count(node.path("like_count")),
        count(node.path("comments_count")),
        null,
        null,
        media,
        InstagramValues.hashtags(caption),
        InstagramValues.mentions(caption),
        List.of(),
        Map.of(),
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
