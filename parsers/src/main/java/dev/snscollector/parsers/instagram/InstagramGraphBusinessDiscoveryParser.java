package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.instagram.InstagramValues.text;

import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code GET /{ig-user-id}?fields=business_discovery.username(<handle>){…,media{…}}}: the
 * public profile of another professional account, seen through the caller's token.
 *
 * <p>Records: a {@link dev.snscollector.contracts.ProfileRecord} of the other account (mapped as
 * {@link InstagramGraphUserParser} maps an IG User) when the request asked for any profile field,
 * then one {@link PostRecord} per item of {@code business_discovery.media.data} with the other
 * account as owner. A media-only page (the follow-up pages, {@code media.after(<cursor>)}) yields
 * posts only.
 *
 * <p>Paging: field expansion leaves out {@code paging.next} and sends only {@code cursors.after},
 * so nextPageToken is the after cursor whenever the page holds media, and null for an empty page;
 * the fetcher stops at the first empty page. A handle that is not a professional account comes back
 * as an error body, classified by {@link InstagramGraphErrors}.
 */
public final class InstagramGraphBusinessDiscoveryParser extends InstagramGraphParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_GRAPH_BUSINESS_DISCOVERY;

  private static final Set<String> PROFILE_FIELDS =
      Set.of(
          "username",
          "name",
          "biography",
          "profile_picture_url",
          "followers_count",
          "follows_count",
          "media_count",
          "website");

  public InstagramGraphBusinessDiscoveryParser() {
    super(PAGE_TYPE_ID);
  }

  @Override
  ParseResult mapGraph(JsonNode doc, Capture capture, ParseContext context, RecordSource source) {
    JsonNode account = doc.path("business_discovery");
    String accountId = account.path("id").asString();
    List<NormalizedRecord> records = new ArrayList<>();
    if (PROFILE_FIELDS.stream().anyMatch(account::has)) {
      records.add(InstagramGraphUserParser.profile(account, context, source));
    }
    List<String> ids = new ArrayList<>();
    JsonNode media = account.path("media");
    for (JsonNode item : media.path("data")) {
      PostRecord post = InstagramGraphMedia.post(item, accountId, context, source);
      records.add(post);
      ids.add(post.platformId());
    }
    String next = ids.isEmpty() ? null : text(media.path("paging").path("cursors").path("after"));
    Map<String, String> values = new HashMap<>();
    values.put("igUserId", accountId);
    String handle = text(account.path("username"));
    if (handle != null) {
      values.put("username", handle);
    }
    return new ParseResult.Parsed(records, new Continuation(next, ids, values));
  }
}
