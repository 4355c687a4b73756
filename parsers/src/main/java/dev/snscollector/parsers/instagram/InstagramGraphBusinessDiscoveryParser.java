package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.instagram.InstagramValues.text;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.RecordSource;
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
 * account as owner. The values follow what the request's field expansion asked for ({@link
 * InstagramGraphFields}): a field it did not ask for is {@code not_requested}, a {@code like_count}
 * it asked for and did not get is a hidden like count. A media-only page (the follow-up pages,
 * {@code media.after(<cursor>)}) yields posts only.
 *
 * <p>The media edge is left out when it has no items (a page past the last one); when the request
 * asked for it and the account's {@code media_count} is above 0, or when the document shows nothing
 * else, its absence is drift.
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
    InstagramGraphFields fields =
        InstagramGraphFields.fromUrls(
                "fields", InstagramGraphUserParser.DEFAULT_FIELDS, List.of(capture.url()))
            .inside("business_discovery", InstagramGraphUserParser.DEFAULT_FIELDS);
    List<NormalizedRecord> records = new ArrayList<>();
    if (PROFILE_FIELDS.stream().anyMatch(f -> account.has(f) || fields.asked(f))) {
      records.add(
          InstagramGraphUserParser.profile(
              account, "/business_discovery", fields, context, source));
    }
    List<String> ids = new ArrayList<>();
    JsonNode media = account.path("media");
    if (!media.isObject()
        && ((fields.asked("media") && account.path("media_count").asLong(0) > 0)
            || PROFILE_FIELDS.stream().noneMatch(account::has))) {
      // Field expansion leaves out an edge without items; asked for on an account whose
      // media_count says it has posts, or in a document with nothing else to read, it is missing.
      throw new InstagramGraphFields.Missing(
          "/business_discovery/media",
          "media: asked for and media_count is above 0, or nothing else is shown");
    }
    InstagramGraphFields mediaFields = fields.inside("media", InstagramGraphMedia.DEFAULT_FIELDS);
    JsonNode data = media.path("data");
    for (int i = 0; i < data.size(); i++) {
      PostRecord post =
          InstagramGraphMedia.post(
              data.get(i),
              "/business_discovery/media/data/" + i,
              mediaFields,
              true,
              accountId,
              context,
              source);
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
