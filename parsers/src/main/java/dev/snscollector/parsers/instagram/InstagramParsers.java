package dev.snscollector.parsers.instagram;

import dev.snscollector.capture.Capture;
import dev.snscollector.parsers.JsonPageParser;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.PlatformParsers;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The Instagram parsers: Graph API and web. Documents are recognized by their shape, since neither
 * surface names its responses:
 *
 * <ul>
 *   <li>{@code business_discovery} at the top: business discovery;
 *   <li>{@code data.user} with Instagram's {@code edge_*} counters (or {@code null} next to {@code
 *       status}): web profile info; {@code items[]} with {@code taken_at} and {@code code}: web
 *       media info;
 *   <li>{@code data[]} of insights entries ({@code name}, {@code period}, {@code id} {@code
 *       …/insights/…}): media insights when the period is {@code lifetime} (except the account's
 *       own lifetime metrics: audiences, online followers), else user insights; of entries with
 *       {@code text}: comments; of media ({@code media_type}, {@code permalink}, {@code media_url},
 *       {@code caption}): media list, unless the paging URLs name another edge ({@code top_media},
 *       {@code recent_media}, {@code stories}, {@code tags});
 *   <li>an object with {@code id} and {@code media_type}: media by id; an object with {@code id}
 *       and IG User fields: user;
 *   <li>Instagram's HTML addressed ({@code og:url}, else the canonical link) to a post or reel: the
 *       post page; to a handle, saying it is a profile: the profile page ({@link InstagramPages}).
 *       The login page and other pages are neither.
 * </ul>
 *
 * Error bodies do not say what was asked for and are left to the capture's declared page type.
 * Refusals that name no page type (login redirects and pages, throttling) are classified by {@link
 * #refusal}, with the classifier the page parsers use ({@link InstagramRefusals}).
 */
public final class InstagramParsers implements PlatformParsers {
  private static final List<String> USER_FIELDS =
      List.of(
          "username",
          "followers_count",
          "follows_count",
          "media_count",
          "biography",
          "profile_picture_url");
  private static final List<String> OTHER_EDGES =
      List.of("/top_media", "/recent_media", "/stories", "/tags", "/live_media");

  private final List<PageParser> parsers =
      List.of(
          new InstagramGraphUserParser(),
          new InstagramGraphMediaListParser(),
          new InstagramGraphMediaParser(),
          new InstagramGraphMediaInsightsParser(),
          new InstagramGraphUserInsightsParser(),
          new InstagramGraphCommentsParser(),
          new InstagramGraphBusinessDiscoveryParser(),
          new InstagramWebProfileInfoParser(),
          new InstagramWebMediaInfoParser(),
          new InstagramWebProfilePageParser(),
          new InstagramWebPostPageParser());

  @Override
  public List<PageParser> parsers() {
    return parsers;
  }

  @Override
  public Optional<String> recognize(Capture capture) {
    char first = firstChar(capture.body());
    if (first == '<') {
      try {
        return InstagramPages.recognize(capture);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    if (first != '{') {
      return Optional.empty();
    }
    JsonNode doc = JsonPageParser.readJson(capture.body());
    return doc == null || !doc.isObject() ? Optional.empty() : Optional.ofNullable(byShape(doc));
  }

  @Override
  public Optional<ParseResult.Classified> refusal(Capture capture) {
    return InstagramRefusals.of(capture);
  }

  private static @Nullable String byShape(JsonNode doc) {
    if (doc.has("error")) {
      return null;
    }
    if (doc.path("business_discovery").isObject()) {
      return InstagramGraphBusinessDiscoveryParser.PAGE_TYPE_ID;
    }
    JsonNode user = doc.path("data").path("user");
    if (user.has("edge_followed_by")
        || user.has("edge_owner_to_timeline_media")
        || (user.isNull() && doc.has("status"))) {
      return InstagramWebProfileInfoParser.PAGE_TYPE_ID;
    }
    JsonNode first = doc.path("items").path(0);
    if (first.has("taken_at") && first.has("code")) {
      return InstagramWebMediaInfoParser.PAGE_TYPE_ID;
    }
    if (doc.path("data").isArray()) {
      return byDataArray(doc);
    }
    if (InstagramGraphMediaParser.looksLikeMedia(doc)) {
      return InstagramGraphMediaParser.PAGE_TYPE_ID;
    }
    if (doc.path("id").isString()
        && USER_FIELDS.stream().anyMatch(doc::has)
        // The retired Basic Display API's /me has account_type and no follower counts.
        && !(doc.has("account_type") && !doc.has("followers_count"))) {
      return InstagramGraphUserParser.PAGE_TYPE_ID;
    }
    return null;
  }

  private static @Nullable String byDataArray(JsonNode doc) {
    String paging = doc.path("paging").toString();
    if (OTHER_EDGES.stream().anyMatch(paging::contains)) {
      return null;
    }
    JsonNode first = doc.path("data").path(0);
    if (first.isMissingNode()) {
      return paging.contains("/media?")
          ? InstagramGraphMediaListParser.PAGE_TYPE_ID
          : paging.contains("/comments") ? InstagramGraphCommentsParser.PAGE_TYPE_ID : null;
    }
    if (first.has("period") && first.path("id").asString("").contains("/insights/")) {
      return "lifetime".equals(first.path("period").asString())
              && !InstagramGraphUserInsightsParser.accountLifetimeMetric(
                  first.path("name").asString(""))
          ? InstagramGraphMediaInsightsParser.PAGE_TYPE_ID
          : InstagramGraphUserInsightsParser.PAGE_TYPE_ID;
    }
    if (first.has("text") && !first.has("media_type")) {
      return InstagramGraphCommentsParser.PAGE_TYPE_ID;
    }
    if (first.has("media_type") || first.has("permalink") || first.has("media_url")) {
      return InstagramGraphMediaListParser.PAGE_TYPE_ID;
    }
    return null;
  }

  private static char firstChar(byte[] body) {
    int i = 0;
    // A UTF-8 byte order mark before the document.
    if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb) {
      i = 3;
    }
    for (; i < body.length; i++) {
      if (!Character.isWhitespace(body[i])) {
        return (char) body[i];
      }
    }
    return 0;
  }
}
