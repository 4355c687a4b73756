package dev.snscollector.parsers.instagram;

import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.HtmlPageParser;
import dev.snscollector.parsers.PageType;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParseResult.Classified;
import dev.snscollector.parsers.text.Counts.Count;
import java.net.URI;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the logged-out profile page {@code https://www.instagram.com/<handle>/}. Since 2024 it is a
 * shell whose data is not server-rendered; what it still carries is in its meta tags, read through
 * the DOM into an intermediate structure that the schema checks: {@code handle} (from {@code
 * (@handle)} in {@code og:title} or {@code og:description}, else the {@code og:url} path), {@code
 * displayName} (the {@code og:title} text before it), {@code avatarUrl} ({@code og:image}), and
 * {@code counts.followers|following|posts} read from {@code og:description} by {@link
 * InstagramMetaCounts} in any of the languages Instagram serves, with a list {@code unrecognized}
 * that must be empty. One {@link ProfileRecord}; abbreviated counts are named in {@code
 * approximate}; a count the description lacks is null.
 *
 * <p>Classified, never parsed: a login page ({@code /accounts/login} in {@code og:url} or the
 * canonical link, or a "Log in" / "Login" title) is {@link Outcome#LOGIN_WALL}; "Sorry, this page
 * isn't available." (or the Korean/Japanese text) and status 404 are {@link Outcome#NOT_FOUND};
 * status 429 is {@link Outcome#RATE_LIMITED}. A page with no Instagram meta tags at all is drift.
 */
public final class InstagramWebProfilePageParser extends HtmlPageParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_WEB_PROFILE_PAGE;

  private static final Pattern HANDLE = Pattern.compile("\\(@([A-Za-z0-9._]{1,30})\\)");
  private static final List<String> NOT_AVAILABLE =
      List.of(
          "Sorry, this page isn't available.",
          "Sorry, this page isn&#39;t available.",
          "죄송합니다. 페이지를 사용할 수 없습니다.",
          "このページはご利用いただけません。");

  public InstagramWebProfilePageParser() {
    super(new PageType(PAGE_TYPE_ID, Platform.INSTAGRAM, 1));
  }

  @Override
  protected Optional<Classified> classify(DocumentView page) {
    int status = page.capture().status();
    if (status == 429) {
      return Optional.of(new Classified(Outcome.RATE_LIMITED, "HTTP 429"));
    }
    for (String text : NOT_AVAILABLE) {
      if (page.text().contains(text)) {
        return Optional.of(new Classified(Outcome.NOT_FOUND, "page says: " + text));
      }
    }
    if (status == 404) {
      return Optional.of(new Classified(Outcome.NOT_FOUND, "HTTP 404"));
    }
    Document doc = page.dom();
    String where = meta(doc, "og:url") + " " + doc.select("link[rel=canonical]").attr("href");
    String title = doc.title().strip();
    if (where.contains("/accounts/login")
        || title.startsWith("Log in")
        || title.startsWith("Login")) {
      return Optional.of(
          new Classified(Outcome.LOGIN_WALL, "login page (" + title + ", " + where.strip() + ")"));
    }
    if (status >= 500) {
      return Optional.of(new Classified(Outcome.INTERNAL, "HTTP " + status + " (transient)"));
    }
    if (status >= 400) {
      return Optional.of(new Classified(Outcome.BLOCKED, "HTTP " + status));
    }
    return Optional.empty();
  }

  @Override
  protected @Nullable JsonNode extract(DocumentView page) {
    Document doc = page.dom();
    String title = meta(doc, "og:title");
    String description = meta(doc, "og:description");
    if (description.isEmpty()) {
      description = doc.select("meta[name=description]").attr("content");
    }
    String url = meta(doc, "og:url");
    if (title.isEmpty() && description.isEmpty()) {
      return null;
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    Matcher m = HANDLE.matcher(title);
    Matcher d = HANDLE.matcher(description);
    String handle = m.find() ? m.group(1) : d.find() ? d.group(1) : handleFromUrl(url);
    if (handle != null) {
      out.put("handle", handle);
    }
    String name = m.find(0) ? title.substring(0, m.start()).strip() : "";
    out.put("displayName", name.isEmpty() ? null : name);
    String image = meta(doc, "og:image");
    out.put("avatarUrl", image.isEmpty() ? null : image);
    InstagramMetaCounts.Labelled labelled = InstagramMetaCounts.read(description);
    ObjectNode counts = out.putObject("counts");
    for (Map.Entry<String, Count> e : labelled.counts().entrySet()) {
      counts
          .putObject(e.getKey())
          .put("value", e.getValue().value())
          .put("approximate", e.getValue().approximate());
    }
    var unrecognized = out.putArray("unrecognized");
    labelled.unrecognized().forEach(unrecognized::add);
    return out;
  }

  @Override
  protected String missingDescription(DocumentView doc) {
    return "no og:title or og:description meta tags";
  }

  @Override
  protected ParseResult map(
      JsonNode data, DocumentView page, ParseContext context, RecordSource source) {
    JsonNode counts = data.path("counts");
    List<String> approximate = new ArrayList<>();
    Long followers = count(counts, InstagramMetaCounts.FOLLOWERS, "followers", approximate);
    Long following = count(counts, InstagramMetaCounts.FOLLOWING, "following", approximate);
    Long posts = count(counts, InstagramMetaCounts.POSTS, "postCount", approximate);
    String handle = data.path("handle").asString();
    // The shell carries no numeric user id; the handle is the only stable key it shows.
    ProfileRecord profile =
        new ProfileRecord(
            Platform.INSTAGRAM,
            handle,
            handle,
            InstagramValues.text(data.path("displayName")),
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
            Map.of(),
            context.observedAt(),
            source);
    return new ParseResult.Parsed(
        List.of(profile), new Continuation(null, List.of(), Map.of("username", handle)));
  }

  private static @Nullable Long count(
      JsonNode counts, String key, String field, List<String> approximate) {
    JsonNode c = counts.path(key);
    if (!c.isObject()) {
      return null;
    }
    if (c.path("approximate").asBoolean(false)) {
      approximate.add(field);
    }
    return c.path("value").asLong();
  }

  private static String meta(Document doc, String property) {
    Element el = doc.selectFirst("meta[property=" + property + "]");
    return el == null ? "" : el.attr("content").strip();
  }

  private static @Nullable String handleFromUrl(String url) {
    try {
      String path = URI.create(url).getPath();
      if (path == null) {
        return null;
      }
      String first = path.replaceAll("^/+", "").split("/")[0];
      return first.matches("[A-Za-z0-9._]{1,30}") ? first : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
