package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.youtube.YoutubeWebText.text;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord.Media;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.text.Counts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The channel's profile as a channel browse document shows it (the page's {@code ytInitialData} or
 * the InnerTube {@code /browse} JSON, of any tab): identity from {@code
 * metadata.channelMetadataRenderer}, handle and counts from the header, in either layout.
 *
 * <ul>
 *   <li>2025–2026 {@code pageHeaderRenderer.content.pageHeaderViewModel}: the handle, subscriber
 *       and video counts are localized strings in {@code metadataRows[].metadataParts[]} ({@code
 *       "@Vsauce"}, {@code "24.6M subscribers"}, {@code "구독자 12.3만명"}, {@code "636 videos"}). A
 *       header that shows the video count and no subscriber count is a channel that hides it
 *       ({@code hidden_by_creator}); a text whose language has no known keywords is read only when
 *       there are exactly two counts (subscribers come first), else left null, which is drift.
 *   <li>2021–2024 {@code c4TabbedHeaderRenderer}: {@code subscriberCountText} is required; {@code
 *       channelHandleText} and {@code videosCountText} came together with handles (late 2022), so a
 *       header without both is the earlier layout: handle {@code not_set}, postCount {@code
 *       not_in_page_type}.
 * </ul>
 *
 * <p>Total views are not on a channel page ({@code not_in_page_type}); following and total likes
 * are not YouTube numbers. Abbreviated counts are named in {@code approximate}.
 */
final class YoutubeChannelHeader {
  private YoutubeChannelHeader() {}

  /** Whether the document carries a channel header to read. */
  static boolean present(JsonNode data) {
    return data.path("header").isObject();
  }

  static ProfileRecord profile(JsonNode data, ParseContext context, RecordSource source) {
    JsonNode meta = data.path("metadata").path("channelMetadataRenderer");
    JsonNode c4 = data.path("header").path("c4TabbedHeaderRenderer");
    JsonNode vm =
        data.path("header").path("pageHeaderRenderer").path("content").path("pageHeaderViewModel");
    Header header = c4.isObject() ? c4Header(c4) : viewModelHeader(vm);

    Unavailability u = new Unavailability();
    List<String> approximate = new ArrayList<>();
    @Nullable Long followers =
        u.value(
            "followers",
            value(header.subscribers, "followers", approximate),
            header.subscribersHidden ? Unavailable.HIDDEN_BY_CREATOR : null);
    @Nullable Long videos =
        u.value(
            "postCount",
            value(header.videos, "postCount", approximate),
            header.beforeHandles ? Unavailable.NOT_IN_PAGE_TYPE : null);
    String avatar =
        YoutubeWebText.bestImage(meta.path("avatar").path("thumbnails"), "avatar")
            .or(() -> Optional.ofNullable(header.avatar))
            .map(Media::url)
            .orElse(null);
    u.mark("totalViews", Unavailable.NOT_IN_PAGE_TYPE);
    return new ProfileRecord(
        Platform.YOUTUBE,
        meta.get("externalId").asString(),
        u.value("handle", header.handle, header.beforeHandles ? Unavailable.NOT_SET : null),
        meta.get("title").asString(),
        text(meta.path("description")),
        avatar,
        followers,
        null,
        videos,
        null,
        null,
        header.verified,
        header.links,
        null,
        approximate,
        u.reasons(),
        context.observedAt(),
        source);
  }

  /** What the header shows, in either layout. */
  private record Header(
      @Nullable String handle,
      @Nullable String subscribers,
      boolean subscribersHidden,
      @Nullable String videos,
      boolean beforeHandles,
      @Nullable Media avatar,
      @Nullable Boolean verified,
      List<String> links) {}

  private static Header c4Header(JsonNode c4) {
    boolean verified = false;
    for (JsonNode badge : c4.path("badges")) {
      String style = badge.path("metadataBadgeRenderer").path("style").asString("");
      verified |= style.contains("VERIFIED");
    }
    String link =
        c4.path("headerLinks")
            .path("channelHeaderLinksViewModel")
            .path("firstLink")
            .path("content")
            .asString("");
    boolean beforeHandles = !c4.has("channelHandleText") && !c4.has("videosCountText");
    return new Header(
        handle(text(c4.path("channelHandleText"))),
        text(c4.path("subscriberCountText")),
        false,
        text(c4.path("videosCountText")),
        beforeHandles,
        YoutubeWebText.bestImage(c4.path("avatar").path("thumbnails"), "avatar").orElse(null),
        verified,
        link.isBlank() ? List.of() : List.of(link.contains("://") ? link : "https://" + link));
  }

  private static Header viewModelHeader(JsonNode vm) {
    String handle = null;
    String subscribers = null;
    String videos = null;
    List<String> unknown = new ArrayList<>();
    for (JsonNode row : vm.path("metadata").path("contentMetadataViewModel").path("metadataRows")) {
      for (JsonNode part : row.path("metadataParts")) {
        String t = part.path("text").path("content").asString("");
        if (t.startsWith("@") && handle == null) {
          handle = handle(t);
        } else if (YoutubeWebText.isSubscribers(t)) {
          subscribers = t;
        } else if (YoutubeWebText.isVideos(t)) {
          videos = t;
        } else if (t.chars().anyMatch(Character::isDigit)) {
          unknown.add(t);
        }
      }
    }
    // A language without known keywords: the header always lists subscribers before videos.
    if (subscribers == null && videos == null && unknown.size() == 2) {
      subscribers = unknown.get(0);
      videos = unknown.get(1);
    }
    JsonNode avatar =
        vm.path("image").path("decoratedAvatarViewModel").path("avatar").path("avatarViewModel");
    boolean verified = false;
    JsonNode title = vm.path("title").path("dynamicTextViewModel").path("text");
    for (JsonNode run : title.path("attachmentRuns")) {
      for (JsonNode s :
          run.path("element").path("type").path("imageType").path("image").path("sources")) {
        verified |= s.path("clientResource").path("imageName").asString("").contains("CHECK");
      }
    }
    return new Header(
        handle,
        subscribers,
        subscribers == null && videos != null && unknown.isEmpty(),
        videos,
        false,
        YoutubeWebText.bestImage(avatar.path("image").path("sources"), "avatar").orElse(null),
        verified,
        List.of());
  }

  private static @Nullable Long value(
      @Nullable String text, String field, List<String> approximate) {
    Optional<Counts.Count> c = YoutubeWebText.count(text);
    c.filter(Counts.Count::approximate).ifPresent(x -> approximate.add(field));
    return c.map(Counts.Count::value).orElse(null);
  }

  private static @Nullable String handle(@Nullable String text) {
    if (text == null || !text.strip().startsWith("@")) {
      return null;
    }
    return text.strip().substring(1);
  }
}
