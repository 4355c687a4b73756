package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.instagram.InstagramValues.count;
import static dev.snscollector.parsers.instagram.InstagramValues.text;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the IG User node ({@code GET /{ig-user-id}?fields=id,username,name,biography,
 * profile_picture_url,followers_count,follows_count,media_count,website}) into one {@link
 * ProfileRecord}.
 *
 * <p>The caller picks {@code fields}: the API sends exactly those, so a value whose field the
 * request did not ask for is {@code not_requested}, and one it asked for and did not get is drift
 * ({@link InstagramGraphFields}). handle {@code username}; displayName {@code name} (an empty
 * {@code name} is {@code not_set}); followers {@code followers_count}; following {@code
 * follows_count}; postCount {@code media_count}. {@code website} becomes the one link. Verified,
 * total likes and views are not IG User fields and stay null. The continuation carries {@code
 * igUserId}. Error bodies are classified by {@link InstagramGraphErrors}.
 */
public final class InstagramGraphUserParser extends InstagramGraphParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_GRAPH_USER;

  /** IG User's default fields: a request without {@code fields} gets these. */
  static final Set<String> DEFAULT_FIELDS = Set.of("id");

  public InstagramGraphUserParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult mapGraph(JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    InstagramGraphFields fields =
        InstagramGraphFields.fromUrls("fields", DEFAULT_FIELDS, List.of(capture.url()));
    return new ParseResult.Parsed(
        List.of(profile(doc, "", fields, context, source)),
        new Continuation(null, List.of(), Map.of("igUserId", doc.path("id").asString())));
  }

  /**
   * An IG User node as a profile; shared with business_discovery, which nests the same fields.
   *
   * @param at the node's JSON pointer, for drift reports
   * @param fields what the request asked for on this node
   */
  static ProfileRecord profile(
      JsonNode user,
      String at,
      InstagramGraphFields fields,
      ParseContext context,
      RecordSource source) {
    Unavailability u = new Unavailability();
    String handle = text(user.path("username"));
    if (handle == null) {
      u.mark("handle", fields.absent("username", at + "/username"));
    }
    String name = text(user.path("name"));
    if (name == null) {
      u.mark("displayName", fields.absent("name", at + "/name"));
    } else if (name.isBlank()) {
      name = null;
      u.mark("displayName", Unavailable.NOT_SET);
    }
    Long followers = count(user.path("followers_count"));
    if (followers == null) {
      u.mark("followers", fields.absent("followers_count", at + "/followers_count"));
    }
    Long following = count(user.path("follows_count"));
    if (following == null) {
      u.mark("following", fields.absent("follows_count", at + "/follows_count"));
    }
    Long posts = count(user.path("media_count"));
    if (posts == null) {
      u.mark("postCount", fields.absent("media_count", at + "/media_count"));
    }
    String website = text(user.path("website"));
    return new ProfileRecord(
        Platform.INSTAGRAM,
        user.path("id").asString(),
        handle,
        name,
        text(user.path("biography")),
        text(user.path("profile_picture_url")),
        followers,
        following,
        posts,
        null,
        null,
        null,
        website == null || website.isEmpty() ? List.of() : List.of(website),
        null,
        List.of(),
        u.reasons(),
        context.observedAt(),
        source);
  }
}
