package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.instagram.InstagramValues.count;
import static dev.snscollector.parsers.instagram.InstagramValues.text;

import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the IG User node ({@code GET /{ig-user-id}?fields=id,username,name,biography,
 * profile_picture_url,followers_count,follows_count,media_count,website}) into one {@link
 * ProfileRecord}.
 *
 * <p>Every field but {@code id} is optional (the caller picks {@code fields}); what was not asked
 * for or not shown is null. {@code website} becomes the one link. Verified, total likes and views
 * are not IG User fields and stay null. The continuation carries {@code igUserId}. Error bodies are
 * classified by {@link InstagramGraphErrors}.
 */
public final class InstagramGraphUserParser extends InstagramGraphParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_GRAPH_USER;

  public InstagramGraphUserParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult mapGraph(JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    return new ParseResult.Parsed(
        List.of(profile(doc, context, source)),
        new Continuation(null, List.of(), Map.of("igUserId", doc.path("id").asString())));
  }

  /** An IG User node as a profile; shared with business_discovery, which nests the same fields. */
  static ProfileRecord profile(JsonNode user, ParseContext context, RecordSource source) {
    String website = text(user.path("website"));
    return new ProfileRecord(
        Platform.INSTAGRAM,
        user.path("id").asString(),
        text(user.path("username")),
        text(user.path("name")),
        text(user.path("biography")),
        text(user.path("profile_picture_url")),
        count(user.path("followers_count")),
        count(user.path("follows_count")),
        count(user.path("media_count")),
        null,
        null,
        null,
        website == null || website.isEmpty() ? List.of() : List.of(website),
        null,
        List.of(),
        Map.of(),
        context.observedAt(),
        source);
  }
}
