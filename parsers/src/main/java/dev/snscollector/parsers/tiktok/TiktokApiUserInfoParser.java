package dev.snscollector.parsers.tiktok;

import static dev.snscollector.parsers.tiktok.TiktokValues.text;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Display API v2 {@code GET /v2/user/info/?fields=...} response ({@code data.user}) into
 * one {@link ProfileRecord}.
 *
 * <p>Mapping: platformId is {@code open_id}, which is scoped to our app and differs from the
 * numeric user id the web pages show (the continuation carries it as {@code openId}, and {@code
 * union_id} when present); handle {@code username}; display name {@code display_name}, bio {@code
 * bio_description}, avatar the largest of {@code avatar_large_url}, {@code avatar_url_100}, {@code
 * avatar_url}; counts {@code follower_count}, {@code following_count}, {@code video_count} and
 * {@code likes_count} as total likes, exact; verified {@code is_verified}. The API has no total
 * views. {@code profile_deep_link} points at the profile itself and is not a bio link, so links is
 * empty.
 *
 * <p>The answer carries only the fields the request's {@code fields} named ({@link
 * TiktokApiFields}): a value not asked for is unavailable {@code not_requested}; one asked for and
 * missing is drift at its path. Errors ({@code error.code} other than {@code ok}) are classified by
 * {@link TiktokApiErrors}.
 */
public final class TiktokApiUserInfoParser extends TiktokApiParser {
  public static final String PAGE_TYPE_ID = PageTypes.TIKTOK_API_USER_INFO;
  private static final String USER = "/data/user";

  public TiktokApiUserInfoParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  protected ParseResult map(
      JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    JsonNode user = doc.path("data").path("user");
    String openId = user.path("open_id").asString();
    TiktokApiFields fields = TiktokApiFields.of(capture.url());
    Unavailability u = new Unavailability();
    ProfileRecord profile =
        new ProfileRecord(
            Platform.TIKTOK,
            openId,
            fields.value(text(user.path("username")), user, "username", USER, "handle", u),
            fields.value(
                user.path("display_name").isString() ? user.get("display_name").asString() : null,
                user,
                "display_name",
                USER,
                "displayName",
                u),
            user.path("bio_description").isString() ? user.get("bio_description").asString() : null,
            avatar(user),
            count(fields, user, "follower_count", "followers", u),
            count(fields, user, "following_count", "following", u),
            count(fields, user, "video_count", "postCount", u),
            count(fields, user, "likes_count", "totalLikes", u),
            null,
            user.path("is_verified").isBoolean() ? user.get("is_verified").asBoolean() : null,
            List.of(),
            null,
            List.of(),
            u.reasons(),
            context.observedAt(),
            source);
    Optional<DriftReport> drift = fields.drift(schema(), capture.url());
    if (drift.isPresent()) {
      return new ParseResult.Drifted(drift.get());
    }
    String unionId = text(user.path("union_id"));
    Map<String, String> values =
        unionId == null ? Map.of("openId", openId) : Map.of("openId", openId, "unionId", unionId);
    return new ParseResult.Parsed(
        List.of(profile), new Continuation(null, List.of(openId), values));
  }

  private static @Nullable Long count(
      TiktokApiFields fields, JsonNode user, String key, String field, Unavailability u) {
    return fields.value(TiktokValues.count(user.path(key)), user, key, USER, field, u);
  }

  private static @Nullable String avatar(JsonNode user) {
    for (String name : List.of("avatar_large_url", "avatar_url_100", "avatar_url")) {
      String url = text(user.path(name));
      if (url != null) {
        return url;
      }
    }
    return null;
  }
}
