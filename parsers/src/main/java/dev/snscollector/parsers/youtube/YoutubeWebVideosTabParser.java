package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.youtube.YoutubeWebText.text;

import dev.snscollector.contracts.NormalizedRecord;
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
import dev.snscollector.parsers.text.Counts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a channel's videos tab (the page's {@code ytInitialData} or the InnerTube browse JSON) and
 * its continuation pages ({@code onResponseReceivedActions[].appendContinuationItemsAction}) into
 * one {@link PostRecord} per video, in the order shown. A first page also carries the channel's
 * header, read into one {@link dev.snscollector.contracts.ProfileRecord} first, as {@link
 * YoutubeWebChannelParser} reads it ({@link YoutubeChannelHeader}).
 *
 * <p>Items in three layouts: 2025–2026 {@code lockupViewModel} (non-video lockups such as playlists
 * are skipped), 2022–2024 {@code videoRenderer} and 2021 {@code gridVideoRenderer}. Views come from
 * the displayed text ({@code "28 views"} exact, {@code "1.2K views"} or {@code "조회수 1.2만회"}
 * approximate, {@code "No views"} 0); a live item shows viewers instead ({@code "97 watching"}:
 * {@code not_in_page_type}), an upcoming premiere has none yet ({@code not_applicable}); a text in
 * an unknown language leaves views null, which is drift. The grid shows only relative times ("13
 * days ago") and no likes or comments: publishedAt, likes and comments are {@code
 * not_in_page_type}. A continuation page does not name its channel: ownerId {@code
 * not_in_page_type}.
 *
 * <p>The continuation's token is the last {@code continuationItemRenderer}'s, null on the last
 * page; its ids are the video ids in order. A tab without videos parses to the profile alone.
 */
public final class YoutubeWebVideosTabParser extends YoutubeWebParser {
  public static final String PAGE_TYPE_ID = PageTypes.YOUTUBE_WEB_VIDEOS_TAB;

  public YoutubeWebVideosTabParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult map(JsonNode data, YoutubeWebPage page, ParseContext context, RecordSource source) {
    List<NormalizedRecord> records = new ArrayList<>();
    if (YoutubeChannelHeader.present(data)) {
      records.add(YoutubeChannelHeader.profile(data, context, source));
    }
    String owner = text(data.path("metadata").path("channelMetadataRenderer").path("externalId"));
    List<String> ids = new ArrayList<>();
    String token = null;
    for (JsonNode item : items(data)) {
      JsonNode cont = item.path("continuationItemRenderer");
      if (cont.isObject()) {
        token = text(cont.path("continuationEndpoint").path("continuationCommand").path("token"));
        continue;
      }
      PostRecord post = post(item, owner, context, source);
      if (post != null) {
        records.add(post);
        ids.add(post.platformId());
      }
    }
    return new ParseResult.Parsed(records, new Continuation(token, ids, Map.of()));
  }

  private static List<JsonNode> items(JsonNode data) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode action : data.path("onResponseReceivedActions")) {
      action.path("appendContinuationItemsAction").path("continuationItems").forEach(out::add);
    }
    for (JsonNode tab : data.path("contents").path("twoColumnBrowseResultsRenderer").path("tabs")) {
      JsonNode content = tab.path("tabRenderer").path("content");
      content.path("richGridRenderer").path("contents").forEach(out::add);
      for (JsonNode section : content.path("sectionListRenderer").path("contents")) {
        for (JsonNode c : section.path("itemSectionRenderer").path("contents")) {
          c.path("gridRenderer").path("items").forEach(out::add);
        }
      }
    }
    return out;
  }

  private static @Nullable PostRecord post(
      JsonNode item, @Nullable String owner, ParseContext context, RecordSource source) {
    JsonNode content = item.path("richItemRenderer").path("content");
    if (content.path("lockupViewModel").isObject()) {
      return lockup(content.get("lockupViewModel"), owner, context, source);
    }
    JsonNode video =
        content.path("videoRenderer").isObject()
            ? content.get("videoRenderer")
            : item.path("gridVideoRenderer");
    if (!video.isObject()) {
      return null;
    }
    String length = text(video.path("lengthText"));
    for (JsonNode overlay : video.path("thumbnailOverlays")) {
      String t = text(overlay.path("thumbnailOverlayTimeStatusRenderer").path("text"));
      length = length != null ? length : t;
    }
    return post(
        video.get("videoId").asString(),
        text(video.path("title")),
        List.of(Objects.requireNonNullElse(text(video.path("viewCountText")), "")),
        video.has("upcomingEventData"),
        length,
        YoutubeWebText.bestImage(video.path("thumbnail").path("thumbnails"), "thumbnail"),
        owner,
        context,
        source);
  }

  private static @Nullable PostRecord lockup(
      JsonNode lockup, @Nullable String owner, ParseContext context, RecordSource source) {
    if (!"LOCKUP_CONTENT_TYPE_VIDEO".equals(lockup.path("contentType").asString(""))) {
      return null;
    }
    JsonNode meta = lockup.path("metadata").path("lockupMetadataViewModel");
    List<String> texts = new ArrayList<>();
    JsonNode rows = meta.path("metadata").path("contentMetadataViewModel").path("metadataRows");
    for (JsonNode row : rows) {
      for (JsonNode part : row.path("metadataParts")) {
        texts.add(part.path("text").path("content").asString(""));
      }
    }
    JsonNode thumb = lockup.path("contentImage").path("thumbnailViewModel");
    String length = null;
    for (JsonNode overlay : thumb.path("overlays")) {
      List<JsonNode> badges = new ArrayList<>();
      overlay.path("thumbnailOverlayBadgeViewModel").path("thumbnailBadges").forEach(badges::add);
      overlay.path("thumbnailBottomOverlayViewModel").path("badges").forEach(badges::add);
      for (JsonNode badge : badges) {
        String t = badge.path("thumbnailBadgeViewModel").path("text").asString("");
        length = length == null && YoutubeWebText.durationSeconds(t) != null ? t : length;
      }
    }
    return post(
        lockup.get("contentId").asString(),
        meta.path("title").path("content").asString(),
        texts,
        false,
        length,
        YoutubeWebText.bestImage(thumb.path("image").path("sources"), "thumbnail"),
        owner,
        context,
        source);
  }

  private static PostRecord post(
      String id,
      @Nullable String title,
      List<String> metadataTexts,
      boolean upcoming,
      @Nullable String length,
      Optional<Media> thumbnail,
      @Nullable String owner,
      ParseContext context,
      RecordSource source) {
    Optional<Counts.Count> views = Optional.empty();
    boolean live = false;
    for (String text : metadataTexts) {
      if (views.isEmpty() && YoutubeWebText.isViews(text)) {
        views = YoutubeWebText.count(text);
      }
      live |= YoutubeWebText.isLive(text);
    }
    boolean approximate = views.map(Counts.Count::approximate).orElse(false);
    String t = title == null ? "" : title;
    Unavailability u = new Unavailability();
    @Nullable Unavailable noViews =
        upcoming
            ? Unavailable.NOT_APPLICABLE
            : live && views.isEmpty() ? Unavailable.NOT_IN_PAGE_TYPE : null;
    @Nullable Long viewCount =
        u.value("views", views.map(Counts.Count::value).orElse(null), noViews);
    for (String field : List.of("publishedAt", "likes", "comments")) {
      u.mark(field, Unavailable.NOT_IN_PAGE_TYPE);
    }
    return new PostRecord(
        Platform.YOUTUBE,
        id,
        u.value("ownerId", owner, Unavailable.NOT_IN_PAGE_TYPE),
        YoutubeApiValues.watchUrl(id),
        "video",
        title,
        null,
        null,
        null,
        YoutubeWebText.durationSeconds(length),
        viewCount,
        null,
        null,
        null,
        null,
        thumbnail.stream().toList(),
        YoutubeApiValues.hashtags(t),
        YoutubeApiValues.mentions(t),
        approximate ? List.of("views") : List.of(),
        u.reasons(),
        context.observedAt(),
        source);
  }
}
