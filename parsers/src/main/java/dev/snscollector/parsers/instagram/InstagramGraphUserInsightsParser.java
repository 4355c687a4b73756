package dev.snscollector.parsers.instagram;

import dev.snscollector.capture.Capture;
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
 * Reads {@code GET /{ig-user-id}/insights} in the legacy shape ({@code period=day}, one {@code
 * values[]} entry per day: {@code impressions}, {@code reach}, {@code profile_views}, {@code
 * follower_count}…) and the v18+ shape ({@code metric_type=total_value}: {@code total_value.value}
 * with {@code breakdowns[].results[]} by {@code media_product_type}, {@code follow_type}…),
 * checking its structure, and produces <b>no records</b>.
 *
 * <p>Why none: every user insight is a windowed figure (per day, per 28 days, the last 14 days),
 * while a {@link ProfileRecord} holds standing totals. {@code follower_count} is the day's change
 * in followers, not the follower count; {@code reach}, {@code impressions}, {@code views} and
 * {@code profile_views} are per period, not lifetime totals. Writing any of them into followers or
 * totalViews would be a wrong number with a right name. The record contracts need a windowed metric
 * record (metric, period, window end, value, breakdown) before these can flow; until then this page
 * type is recognized, validated (so a shape change is still reported as drift) and classified, and
 * its continuation carries {@code igUserId}. Error bodies are classified by {@link
 * InstagramGraphErrors}.
 */
public final class InstagramGraphUserInsightsParser extends InstagramGraphParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_GRAPH_USER_INSIGHTS;

  public InstagramGraphUserInsightsParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult mapGraph(JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    String userId = InstagramGraphInsights.ownerId(doc.path("data"));
    return new ParseResult.Parsed(
        List.of(),
        userId == null
            ? Continuation.NONE
            : new Continuation(null, List.of(), Map.of("igUserId", userId)));
  }
}
