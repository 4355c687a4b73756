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
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a TikTok profile page ({@code https://www.tiktok.com/@handle}): {@code
 * __DEFAULT_SCOPE__["webapp.user-detail"].userInfo.{user, statsV2}} into one {@link ProfileRecord}.
 *
 * <p>Mapping: platformId is {@code user.id}, handle {@code uniqueId}, display name {@code
 * nickname}, bio {@code signature}, avatar {@code avatarLarger}, links the {@code bioLink.link}
 * made absolute. Counts come from {@code statsV2} only (decimal strings, exact): followers {@code
 * followerCount}, following {@code followingCount}, posts {@code videoCount}, total likes {@code
 * heartCount}. The page also carries {@code stats}, the same counts as numbers, rounded from 1,000
 * up on some pages (783,400 for 783,427 on the real capture): falling back to it would change the
 * value, so a page without {@code statsV2} (the 2024–2026 layout always has it) is drift, not a
 * rounded record. Total views: TikTok shows none for a profile.
 *
 * <p>A private account may still show its header: {@code statusCode} 10222 beside a full {@code
 * userInfo} is a profile (its counts are shown). Without {@code userInfo.user}, the statusCode
 * decides through {@link TiktokWebStatus}: 10222 is {@link Outcome#PRIVATE} (the schema documents
 * that absence, and on such a page {@code webapp.user-detail} and {@code userInfo} are closed so
 * that a renamed key is drift), unknown or banned users {@link Outcome#NOT_FOUND}.
 */
public final class TiktokWebProfileParser extends TiktokWebParser {
  public static final String PAGE_TYPE_ID = PageTypes.TIKTOK_WEB_PROFILE;
  static final String SCOPE = "webapp.user-detail";

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
    JsonNode stats = info.path("statsV2");
    String link = text(user.path("bioLink").path("link"));
    ProfileRecord profile =
        new ProfileRecord(
            Platform.TIKTOK,
            user.path("id").asString(),
            text(user.path("uniqueId")),
            user.path("nickname").asString(),
            user.path("signature").asString(),
            text(user.path("avatarLarger")),
            TiktokValues.count(stats.path("followerCount")),
            TiktokValues.count(stats.path("followingCount")),
            TiktokValues.count(stats.path("videoCount")),
            TiktokValues.count(stats.path("heartCount")),
            null,
            user.path("verified").asBoolean(),
            link == null ? List.of() : List.of(TiktokValues.absolute(link)),
            TiktokValues.epochSeconds(user.path("createTime")),
            List.of(),
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
}
