package dev.snscollector.parsers.instagram;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.HtmlPageParser;
import dev.snscollector.parsers.PageType;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParseResult.Classified;
import dev.snscollector.parsers.text.Counts.Count;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Reads the logged-out profile page {@code https://www.instagram.com/<handle>/}. Since 2024 it is a
 * shell whose data is not server-rendered; what it still carries is in its meta tags, read through
 * the DOM into a flat intermediate structure ({@link InstagramMetaTree}, every value traced to its
 * element) that the schema checks:
 *
 * <ul>
 *   <li>{@code handle}: the path of {@code og:url} ({@code /<handle>/});
 *   <li>{@code displayName}: the {@code og:title} text before {@code (@handle)}; empty when the
 *       title shows none, which is {@code not_set};
 *   <li>{@code avatarUrl}: {@code og:image};
 *   <li>{@code followers}, {@code following}, {@code posts} and each one's {@code …Approximate}:
 *       read from {@code og:description} (else the {@code description} meta, which carries the same
 *       text) by {@link InstagramMetaCounts} in any of the languages Instagram serves, with a list
 *       {@code unrecognized} that must be empty.
 * </ul>
 *
 * The schema requires every one of them but the avatar: a page that lost one is drift. One {@link
 * ProfileRecord}; abbreviated counts are named in {@code approximate}. A private account's page
 * shows its counts like any other.
 *
 * <p>Classified, never parsed ({@link InstagramRefusals#page}): a redirect to or a capture of the
 * login page, and the login page's HTML, are {@link Outcome#LOGIN_WALL}; "Please wait a few minutes
 * before you try again" and status 429 are {@link Outcome#RATE_LIMITED}; "Sorry, this page isn't
 * available." (or the Korean/Japanese text) and status 404 are {@link Outcome#NOT_FOUND}. A page
 * with neither an {@code og:url} nor an {@code og:title} is drift.
 */
public final class InstagramWebProfilePageParser extends HtmlPageParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_WEB_PROFILE_PAGE;

  private static final Pattern HANDLE = Pattern.compile("\\(@([A-Za-z0-9._]{1,30})\\)");

  public InstagramWebProfilePageParser() {
    super(new PageType(PAGE_TYPE_ID, Platform.INSTAGRAM, 1));
  }

  @Override
  protected Optional<Classified> classify(DocumentView page) {
    return InstagramRefusals.page(page);
  }

  @Override
  protected @Nullable JsonNode extract(DocumentView page) {
    Document doc = page.dom();
    Element url = InstagramPages.metaElement(doc, "og:url");
    Element title = InstagramPages.metaElement(doc, "og:title");
    if (url == null && title == null) {
      return null;
    }
    InstagramMetaTree out = new InstagramMetaTree(page.domTrace());
    if (url != null) {
      String handle = InstagramPages.profileHandle(url.attr("content").strip());
      if (handle != null) {
        out.put("handle", handle, url);
      }
    }
    if (title != null) {
      String text = title.attr("content").strip();
      Matcher m = HANDLE.matcher(text);
      if (m.find()) {
        out.put("displayName", text.substring(0, m.start()).strip(), title);
      }
    }
    Element image = InstagramPages.metaElement(doc, "og:image");
    if (image != null && !image.attr("content").isBlank()) {
      out.put("avatarUrl", image.attr("content").strip(), image);
    }
    Element description = InstagramPages.metaElement(doc, "og:description");
    if (description == null) {
      description = InstagramPages.metaElement(doc, "description");
    }
    ArrayNode unrecognized = out.tree().putArray("unrecognized");
    if (description != null) {
      InstagramMetaCounts.Labelled labelled =
          InstagramMetaCounts.read(description.attr("content").strip());
      for (Map.Entry<String, Count> e : labelled.counts().entrySet()) {
        out.count(e.getKey(), e.getValue(), description);
      }
      labelled.unrecognized().forEach(unrecognized::add);
    }
    return out.tree();
  }

  @Override
  protected String missingDescription(DocumentView doc) {
    return "no og:url or og:title meta tags";
  }

  @Override
  protected ParseResult map(
      JsonNode data, DocumentView page, ParseContext context, RecordSource source) {
    List<String> approximate = new ArrayList<>();
    long followers = count(data, InstagramMetaCounts.FOLLOWERS, "followers", approximate);
    long following = count(data, InstagramMetaCounts.FOLLOWING, "following", approximate);
    long posts = count(data, InstagramMetaCounts.POSTS, "postCount", approximate);
    String handle = data.path("handle").asString();
    Unavailability u = new Unavailability();
    String name = data.path("displayName").asString();
    if (name.isBlank()) {
      // The title shows nothing before (@handle): the creator never set a name.
      name = null;
      u.mark("displayName", Unavailable.NOT_SET);
    }
    // The shell carries no numeric user id; the handle is the only stable key it shows.
    ProfileRecord profile =
        new ProfileRecord(
            Platform.INSTAGRAM,
            handle,
            handle,
            name,
            null,
            InstagramValues.text(data.path("avatarUrl")),
            followers,
            following,
            posts,
            null,
            null,
            null,
            List.of(),
            null,
            approximate,
            u.reasons(),
            context.observedAt(),
            source);
    return new ParseResult.Parsed(
        List.of(profile), new Continuation(null, List.of(), Map.of("username", handle)));
  }

  /** A count the schema requires, naming {@code field} in {@code approximate} when abbreviated. */
  private static long count(JsonNode data, String key, String field, List<String> approximate) {
    if (data.path(key + "Approximate").asBoolean(false)) {
      approximate.add(field);
    }
    return data.path(key).asLong();
  }
}
