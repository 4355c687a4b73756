package dev.snscollector.parsers.tiktok;

import static dev.snscollector.parsers.tiktok.TiktokValues.text;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a TikTok profile page ({@code https://www.tiktok.com/@handle}): {@code
 * __DEFAULT_SCOPE__["webapp.user-detail"].userInfo.{user, stats, statsV2}} into one {@link
 * ProfileRecord}.
 *
 * <p>Mapping: platformId is {@code user.id}, handle {@code uniqueId}, bio {@code signature}, avatar
 * {@code avatarLarger}, links the {@code bioLink.link} made absolute. Counts come from {@code
 * statsV2} (decimal strings, exact) and fall back to {@code stats} (numbers); totalLikes is {@code
 * heartCount}. {@code stats} has been seen rounded (783,400 for 783,427) on pages that carry both,
 * so a count read from {@code stats} from 1,000 up is named in {@code approximate}.
 *
 * <p>A private account still shows its header (statusCode 10222 beside a full {@code userInfo}):
 * that is a profile, not {@link Outcome#PRIVATE}. Without {@code userInfo.user}, the statusCode
 * decides through {@link TiktokWebStatus}: unknown or banned users are {@link Outcome#NOT_FOUND}.
 */
public final class TiktokWebProfileParser extends TiktokWebParser {
  public static final String PAGE_TYPE_ID = PageTypes.TIKTOK_WEB_PROFILE;
  static final String SCOPE = "webapp.user-detail";

  private static final long ROUNDED_FROM = 1_000;

  public TiktokWebProfileParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  protected ParseResult map(
      JsonNode data, DocumentView page, ParseContext context, RecordSource source) {
    JsonNode detail = data.path("__DEFAULT_SCOPE__").path(SCOPE);
    JsonNode info = detail.path("userInfo");
    JsonNode user = info.path("user");
    if (!user.isObject()) {
      return TiktokWebStatus.classify(
          SCOPE, detail.path("statusCode").asInt(), detail.path("statusMsg").asString(""));
    }
    JsonNode exact = info.path("statsV2");
    JsonNode rounded = info.path("stats");
    List<String> approximate = new ArrayList<>();
    Long followers = count(exact, rounded, "followerCount", "followers", approximate);
    Long following = count(exact, rounded, "followingCount", "following", approximate);
    Long videos = count(exact, rounded, "videoCount", "postCount", approximate);
    Long hearts = count(exact, rounded, "heartCount", "totalLikes", approximate);
    if (hearts == null) {
      hearts = count(exact, rounded, "heart", "totalLikes", approximate);
    }
    String link = text(user.path("bioLink").path("link"));
    ProfileRecord profile =
        new ProfileRecord(
            Platform.TIKTOK,
            user.path("id").asString(),
            text(user.path("uniqueId")),
            user.path("nickname").isString() ? user.get("nickname").asString() : null,
            user.path("signature").isString() ? user.get("signature").asString() : null,
            avatar(user),
            followers,
            following,
            videos,
            hearts,
            null,
            user.path("verified").isBoolean() ? user.get("verified").asBoolean() : null,
            link == null ? List.of() : List.of(TiktokValues.absolute(link)),
            TiktokValues.epochSeconds(user.path("createTime")),
            approximate,
            Map.of(),
            context.observedAt(),
            source);
    // secUid, not the handle, is what TikTok's item-list requests for this profile take.
    String secUid = text(user.path("secUid"));
    return new ParseResult.Parsed(
        List.of(profile),
        new Continuation(
            null,
            List.of(profile.platformId()),
            secUid == null ? Map.of() : Map.of("secUid", secUid)));
  }

  private static @Nullable Long count(
      JsonNode exact, JsonNode rounded, String name, String field, List<String> approximate) {
    Long value = TiktokValues.count(exact.path(name));
    if (value != null) {
      return value;
    }
    value = TiktokValues.count(rounded.path(name));
    if (value != null && value >= ROUNDED_FROM && !approximate.contains(field)) {
      approximate.add(field);
    }
    return value;
  }

  private static @Nullable String avatar(JsonNode user) {
    for (String name : List.of("avatarLarger", "avatarMedium", "avatarThumb")) {
      String url = text(user.path(name));
      if (url != null) {
        return url;
      }
    }
    return null;
  }
}
