package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.youtube.YoutubeWebText.text;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord.Media;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.text.Counts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a channel page ({@code ytInitialData}, or the bare InnerTube browse JSON of the same shape)
 * into one {@link ProfileRecord}.
 *
 * <p>Identity (id, name, bio, avatar) comes from {@code metadata.channelMetadataRenderer}; the
 * handle, subscriber and video counts and the verified badge from the header, in either layout: the
 * 2025–2026 {@code pageHeaderViewModel}, whose counts are only localized strings in {@code
 * metadataRows[].metadataParts[]} ({@code "24.6M subscribers"}, {@code "구독자 12.3만명"}), or the older
 * {@code c4TabbedHeaderRenderer}. Abbreviated counts are named in {@code approximate}; a count the
 * header does not show (hidden subscribers, a language without known keywords) is null. Total
 * views, following and total likes are not on the page and are null. Links are the header's first
 * external link where the header shows one ({@code c4TabbedHeaderRenderer} only).
 *
 * <p>The continuation carries {@code channelId}. Walls are classified by {@link YoutubeWebWalls}.
 */
public final class YoutubeWebChannelParser extends YoutubeWebParser {
  public static final String PAGE_TYPE_ID = PageTypes.YOUTUBE_WEB_CHANNEL;

  public YoutubeWebChannelParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult map(JsonNode data, YoutubeWebPage page, ParseContext context, RecordSource source) {
    JsonNode meta = data.path("metadata").path("channelMetadataRenderer");
    JsonNode c4 = data.path("header").path("c4TabbedHeaderRenderer");
    JsonNode vm = data.path("header").path("pageHeaderRenderer").path("content");
    vm = vm.path("pageHeaderViewModel");
    Header header = c4.isObject() ? c4Header(c4) : viewModelHeader(vm);

    List<String> approximate = new ArrayList<>();
    Long followers = value(header.subscribers, "followers", approximate);
    Long videos = value(header.videos, "postCount", approximate);
    String avatar =
        YoutubeWebText.bestImage(meta.path("avatar").path("thumbnails"), "avatar")
            .or(() -> Optional.ofNullable(header.avatar))
            .map(Media::url)
            .orElse(null);
    String id = meta.get("externalId").asString();
    ProfileRecord profile =
        new ProfileRecord(
            Platform.YOUTUBE,
            id,
            header.handle != null ? header.handle : handleFromUrls(meta),
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
            Map.of(),
            context.observedAt(),
            source);
    return new ParseResult.Parsed(
        List.of(profile), new Continuation(null, List.of(), Map.of("channelId", id)));
  }

  /** What the header shows, in either layout. */
  private record Header(
      @Nullable String handle,
      @Nullable String subscribers,
      @Nullable String videos,
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
    return new Header(
        handle(text(c4.path("channelHandleText"))),
        text(c4.path("subscriberCountText")),
        text(c4.path("videosCountText")),
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
        videos,
        YoutubeWebText.bestImage(avatar.path("image").path("sources"), "avatar").orElse(null),
        verified,
        List.of());
  }

  private static @Nullable Long value(
      @Nullable String text, String field, List<String> approximate) {
    Optional<Counts.Count> c = Optional.ofNullable(text).flatMap(YoutubeWebText::parseCount);
    c.filter(Counts.Count::approximate).ifPresent(x -> approximate.add(field));
    return c.map(Counts.Count::value).orElse(null);
  }

  private static @Nullable String handle(@Nullable String text) {
    if (text == null || !text.strip().startsWith("@")) {
      return null;
    }
    return text.strip().substring(1);
  }

  private static @Nullable String handleFromUrls(JsonNode meta) {
    List<String> urls = new ArrayList<>();
    meta.path("ownerUrls").forEach(u -> urls.add(u.asString("")));
    urls.add(meta.path("vanityChannelUrl").asString(""));
    for (String url : urls) {
      int at = url.indexOf("/@");
      if (at >= 0) {
        return url.substring(at + 2);
      }
    }
    return null;
  }
}
