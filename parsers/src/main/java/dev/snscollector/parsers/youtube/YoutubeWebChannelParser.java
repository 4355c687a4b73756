package dev.snscollector.parsers.youtube;

import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a channel page ({@code ytInitialData}, or the bare InnerTube browse JSON of the same shape)
 * into one {@link ProfileRecord}, as {@link YoutubeChannelHeader} reads it: identity from {@code
 * metadata.channelMetadataRenderer}, handle, subscriber and video counts from the header (2025–2026
 * {@code pageHeaderViewModel} or the older {@code c4TabbedHeaderRenderer}).
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
    ProfileRecord profile = YoutubeChannelHeader.profile(data, context, source);
    return new ParseResult.Parsed(
        List.of(profile),
        new Continuation(null, List.of(), Map.of("channelId", profile.platformId())));
  }
}
