package dev.snscollector.parsers.naver;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.EmbeddedJson;
import dev.snscollector.parsers.HtmlPageParser;
import dev.snscollector.parsers.JsonPageParser;
import dev.snscollector.parsers.PageType;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParseResult.Classified;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the mobile blog-info JSON ({@code
 * https://m.blog.naver.com/rego/BlogInfo.naver?blogId=<id>}, the document the mobile blog home
 * {@code m.blog.naver.com/<blogId>} loads its header from) into one {@link ProfileRecord}.
 *
 * <p>Why this source: the mobile blog home is rendered in the browser and its HTML carries no
 * profile, while this JSON is what that page itself fetches, without login or key, and has been
 * stable for years across public tools. It is prefixed with {@code )]}',} (Naver's guard against
 * JSON hijacking), which is stripped before reading.
 *
 * <p>Mapping: {@code result.blogId} (else the URL's {@code blogId}, the same id) is platformId and
 * handle; displayName the {@code nickName}; bio {@code introduction}; avatar {@code
 * profileImageUrl}; followers {@code subscriberCount} (이웃, the blog's neighbours/subscribers,
 * exact). {@code totalVisitorCount} counts visits to the whole blog, not people, so it is not a
 * follower count: it goes to totalViews. Both counts are required. The blog's title ({@code
 * blogName}) has no field in the record and is passed as the continuation's {@code blogName}. Naver
 * shows a blog's post count (in its category list) but this document does not carry it: unavailable
 * {@code not_in_page_type}. Following and total likes Naver never shows (null, per the record
 * contract); verified is null.
 *
 * <p>{@code isSuccess: false} (Naver's answer for a blog that does not exist or is closed) is
 * {@link Outcome#NOT_FOUND}; HTTP 404 too; 429 is {@link Outcome#RATE_LIMITED}.
 */
public final class NaverBlogProfileParser extends HtmlPageParser {
  public static final String PAGE_TYPE_ID = PageTypes.NAVER_BLOG_PROFILE;
  static final String GUARD = ")]}',";

  private static final Pattern BLOG_ID = Pattern.compile("[?&]blogId=([A-Za-z0-9_-]+)");

  public NaverBlogProfileParser() {
    super(new PageType(PAGE_TYPE_ID, Platform.NAVER_BLOG, 1));
  }

  /** The document without its guard prefix, as JSON; null when it is not JSON. */
  static @Nullable JsonNode json(String body) {
    String text = body.strip();
    if (text.startsWith(GUARD)) {
      text = text.substring(GUARD.length());
    }
    return JsonPageParser.readJson(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected Optional<Classified> classify(DocumentView page) {
    int status = page.capture().status();
    if (status == 429) {
      return Optional.of(new Classified(Outcome.RATE_LIMITED, "naver blog info HTTP 429"));
    }
    if (status == 404) {
      return Optional.of(new Classified(Outcome.NOT_FOUND, "naver blog info HTTP 404"));
    }
    // Cheap text test first: only a failure answer is read twice.
    if (page.text().contains("\"isSuccess\":false")
        || page.text().contains("\"isSuccess\": false")) {
      JsonNode doc = json(page.text());
      if (doc != null && doc.path("isSuccess").isBoolean() && !doc.get("isSuccess").asBoolean()) {
        String message =
            doc.path("result").path("message").asString(doc.path("message").asString(""));
        return Optional.of(new Classified(Outcome.NOT_FOUND, "naver blog info: " + message));
      }
    }
    return Optional.empty();
  }

  @Override
  protected @Nullable JsonNode extract(DocumentView page) {
    return json(page.text());
  }

  @Override
  protected List<EmbeddedJson.Location> embedded(DocumentView doc) {
    // The structure is the JSON after the guard line: the mutation tests edit it there.
    byte[] body = doc.body();
    int at = doc.start();
    byte[] guard = GUARD.getBytes(StandardCharsets.US_ASCII);
    if (body.length - at >= guard.length
        && Arrays.equals(body, at, at + guard.length, guard, 0, guard.length)) {
      at += guard.length;
    }
    while (at < body.length && body[at] != '{') {
      if (body[at] != ' ' && body[at] != '\n' && body[at] != '\r' && body[at] != '\t') {
        return List.of();
      }
      at++;
    }
    return at < body.length ? List.of(new EmbeddedJson.Location("", at)) : List.of();
  }

  @Override
  protected String missingDescription(DocumentView doc) {
    return "not JSON after the )]}', guard";
  }

  @Override
  protected ParseResult map(
      JsonNode data, DocumentView page, ParseContext context, RecordSource source) {
    JsonNode result = data.path("result");
    String blogId = text(result.path("blogId"));
    if (blogId == null) {
      Matcher m = BLOG_ID.matcher(page.capture().url());
      blogId = m.find() ? m.group(1) : null;
    }
    if (blogId == null) {
      throw new IllegalStateException("no blogId in result nor in the request URL");
    }
    ProfileRecord profile =
        new ProfileRecord(
            Platform.NAVER_BLOG,
            blogId,
            blogId,
            result.path("nickName").asString(),
            result.path("introduction").isString() ? result.get("introduction").asString() : null,
            text(result.path("profileImageUrl")),
            result.path("subscriberCount").asLong(),
            null,
            null,
            null,
            result.path("totalVisitorCount").asLong(),
            null,
            List.of(),
            null,
            List.of(),
            Map.of("postCount", Unavailable.NOT_IN_PAGE_TYPE),
            context.observedAt(),
            source);
    Map<String, String> values = new HashMap<>();
    values.put("blogId", blogId);
    String blogName = text(result.path("blogName"));
    if (blogName != null) {
      values.put("blogName", blogName);
    }
    return new ParseResult.Parsed(
        List.of(profile), new Continuation(null, List.of(blogId), values));
  }

  private static @Nullable String text(JsonNode node) {
    return node.isString() && !node.asString().isEmpty() ? node.asString() : null;
  }
}
