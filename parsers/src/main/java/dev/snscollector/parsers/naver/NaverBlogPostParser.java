package dev.snscollector.parsers.naver;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.PostRecord.Media;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Naver Blog mobile post page ({@code https://m.blog.naver.com/PostView.naver?blogId=<id>
 * &logNo=<no>}) of any editor generation into one {@link PostRecord}, through the intermediate tree
 * built by {@link NaverBlogPostPage} (the tree is what the structure schema checks).
 *
 * <p>Mapping: platformId is the logNo, ownerId the blogId, URL {@code
 * https://blog.naver.com/<blogId>/<logNo>}, postType {@code blog}, title, text (the body's
 * paragraphs joined by newlines), publishedAt, comments from the page's comment count, media the
 * body's images, hashtags the post's tags. Comments turned off by the blogger ({@code
 * commentEnable="false"}) are unavailable {@code turned_off}. Likes (공감) exist on Naver but are not
 * in this page (a later request loads them): unavailable {@code not_in_page_type}. Naver shows no
 * per-post views, shares or saves (null, per the record contract). The category has no field in
 * {@link PostRecord}; it is in the intermediate tree and the continuation's {@code category} value.
 *
 * <p>A page without the post's hidden properties that says the post was deleted or does not exist
 * ("삭제되었거나 존재하지 않는 게시물") is {@link Outcome#NOT_FOUND}; one saying it is private ("비공개") is {@link
 * Outcome#PRIVATE}; HTTP 404 is {@link Outcome#NOT_FOUND} and 429 {@link Outcome#RATE_LIMITED}.
 */
public final class NaverBlogPostParser extends HtmlPageParser {
  public static final String PAGE_TYPE_ID = PageTypes.NAVER_BLOG_POST;
  static final String MARKER = "id=\"_post_property\"";

  public NaverBlogPostParser() {
    super(new PageType(PAGE_TYPE_ID, Platform.NAVER_BLOG, 1));
  }

  @Override
  protected Optional<Classified> classify(DocumentView page) {
    String html = page.text();
    int status = page.capture().status();
    if (status == 429) {
      return Optional.of(new Classified(Outcome.RATE_LIMITED, "naver blog HTTP 429"));
    }
    // A post's own text may say "비공개" or "삭제": only a page without the post is judged by it.
    if (html.contains(MARKER)) {
      return Optional.empty();
    }
    if (html.contains("존재하지 않는 게시물") || html.contains("삭제되었거나") || status == 404) {
      return Optional.of(new Classified(Outcome.NOT_FOUND, "naver blog: post deleted or missing"));
    }
    if (html.contains("비공개")) {
      return Optional.of(new Classified(Outcome.PRIVATE, "naver blog: private post"));
    }
    return Optional.empty();
  }

  @Override
  protected @Nullable JsonNode extract(DocumentView page) {
    return NaverBlogPostPage.read(page.dom(), page.domTrace());
  }

  @Override
  protected ParseResult map(
      JsonNode data, DocumentView page, ParseContext context, RecordSource source) {
    String blogId = data.path("blogId").asString();
    String logNo = data.path("logNo").asString();
    List<Media> media = new ArrayList<>();
    data.path("images")
        .forEach(i -> media.add(new Media("image", i.path("url").asString(), null, null)));
    List<String> tags = new ArrayList<>();
    data.path("tags").forEach(t -> tags.add(t.asString()));
    Unavailability unavailable = new Unavailability();
    Long comments =
        data.path("commentEnable").asBoolean(true)
            ? Long.valueOf(data.path("commentCount").asLong())
            : unavailable.value("comments", null, Unavailable.TURNED_OFF);
    unavailable.mark("likes", Unavailable.NOT_IN_PAGE_TYPE);
    PostRecord post =
        new PostRecord(
            Platform.NAVER_BLOG,
            logNo,
            blogId,
            new NaverBlogValues.PostRef(blogId, logNo).url(),
            "blog",
            data.path("title").asString(),
            null,
            data.path("text").asString(),
            OffsetDateTime.parse(data.path("publishedAt").asString()).toInstant(),
            null,
            null,
            null,
            comments,
            null,
            null,
            media,
            tags,
            List.of(),
            List.of(),
            unavailable.reasons(),
            context.observedAt(),
            source);
    Map<String, String> values =
        data.path("category").isString()
            ? Map.of("blogId", blogId, "category", data.get("category").asString())
            : Map.of("blogId", blogId);
    return new ParseResult.Parsed(List.of(post), new Continuation(null, List.of(logNo), values));
  }
}
