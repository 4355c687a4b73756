package dev.snscollector.parsers.naver;

import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Unavailability;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.Continuation;
import dev.snscollector.parsers.DocumentView;
import dev.snscollector.parsers.DomTrace;
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
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a Naver Blog RSS 2.0 feed ({@code https://rss.blog.naver.com/<blogId>.xml}) into one {@link
 * ProfileRecord} for the blog and one {@link PostRecord} per item (newest first, as the feed lists
 * them).
 *
 * <p>The XML is read with jsoup's XML parser, which never loads a DTD or resolves an external
 * entity, into an intermediate tree ({@code channel.{title, link, blogId, description, image}},
 * {@code items[].{title, link, blogId, logNo, description, pubDate, category, tags, guid}}) that
 * the structure schema checks; a traced parse records the element each value came from ({@link
 * DomTrace}: {@code channel} and {@code items} from {@code <channel>}, each item's values from its
 * child elements, blogId and logNo from the {@code <link>} they are read from). Mapping: the
 * profile's platformId and handle are the blogId of the channel link, displayName the channel title
 * (the blog's title: the feed has no nickname), bio the channel description, avatar the channel
 * image. Each post has platformId = logNo, ownerId the blogId of its link, URL {@code
 * https://blog.naver.com/<blogId>/<logNo>} (the feed's {@code fromRss}/{@code trackingCode}
 * parameters dropped), postType {@code blog}, title, publishedAt the {@code pubDate}, caption the
 * item's description excerpt as plain text, hashtags the comma-separated {@code tag}. A feed never
 * carries counts: the blog's followers, post count and total views and each post's likes and
 * comments are unavailable {@code not_in_page_type} (the numbers Naver never has are null, per the
 * record contract).
 *
 * <p>A 404 or an HTML error page saying the blog does not exist is {@link Outcome#NOT_FOUND}; one
 * saying it is private ("비공개") is {@link Outcome#PRIVATE}; 429 is {@link Outcome#RATE_LIMITED}.
 */
public final class NaverBlogRssParser extends HtmlPageParser {
  public static final String PAGE_TYPE_ID = PageTypes.NAVER_BLOG_RSS;

  public NaverBlogRssParser() {
    super(new PageType(PAGE_TYPE_ID, Platform.NAVER_BLOG, 1));
  }

  @Override
  protected Optional<Classified> classify(DocumentView page) {
    int status = page.capture().status();
    if (status == 429) {
      return Optional.of(new Classified(Outcome.RATE_LIMITED, "naver blog rss HTTP 429"));
    }
    if (page.text().contains("<rss")) {
      return Optional.empty();
    }
    if (page.text().contains("존재하지 않") || status == 404) {
      return Optional.of(new Classified(Outcome.NOT_FOUND, "naver blog rss: no such blog"));
    }
    if (page.text().contains("비공개")) {
      return Optional.of(new Classified(Outcome.PRIVATE, "naver blog rss: private blog"));
    }
    return Optional.empty();
  }

  @Override
  protected @Nullable JsonNode extract(DocumentView page) {
    if (!page.text().contains("<rss")) {
      return null;
    }
    DomTrace trace = page.domTrace();
    Document xml = Jsoup.parse(page.text(), page.capture().url(), Parser.xmlParser());
    Element rss = xml.selectFirst("rss");
    if (rss == null) {
      return null;
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("version", rss.attr("version"));
    Element channel = rss.selectFirst("> channel");
    if (channel == null) {
      // Left out, so that the schema names what is gone.
      return out;
    }
    ObjectNode ch = out.putObject("channel");
    from(trace, out, "channel", channel);
    putText(ch, "title", channel.selectFirst("> title"), trace);
    Element link = channel.selectFirst("> link");
    putText(ch, "link", link, trace);
    putText(ch, "description", channel.selectFirst("> description"), trace);
    putText(ch, "image", channel.selectFirst("> image > url"), trace);
    String blogId = link == null ? null : NaverBlogValues.blogOfHome(link.text());
    if (blogId != null && link != null) {
      ch.put("blogId", blogId);
      from(trace, ch, "blogId", link);
    }
    ArrayNode items = out.putArray("items");
    from(trace, out, "items", channel);
    for (Element item : channel.select("> item")) {
      items.add(item(item, trace));
      if (trace != null) {
        trace.fromLast(items, item);
      }
    }
    return out;
  }

  @Override
  protected String missingDescription(DocumentView doc) {
    return "no <rss><channel> document";
  }

  private static ObjectNode item(Element item, @Nullable DomTrace trace) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    putText(o, "title", item.selectFirst("> title"), trace);
    Element link = item.selectFirst("> link");
    putText(o, "link", link, trace);
    NaverBlogValues.PostRef ref = link == null ? null : NaverBlogValues.post(link.text().strip());
    if (ref != null && link != null) {
      o.put("blogId", ref.blogId());
      o.put("logNo", ref.logNo());
      from(trace, o, "blogId", link);
      from(trace, o, "logNo", link);
    }
    Element description = item.selectFirst("> description");
    if (description != null) {
      // The description is an HTML excerpt inside CDATA; its text is what readers see.
      o.put("description", NaverBlogValues.clean(Jsoup.parse(description.text()).text()));
      from(trace, o, "description", description);
    }
    Element pubDate = item.selectFirst("> pubDate");
    if (pubDate != null) {
      String iso = NaverBlogValues.isoFromRfc822(pubDate.text());
      o.put("pubDate", iso != null ? iso : pubDate.text());
      from(trace, o, "pubDate", pubDate);
    }
    putText(o, "category", item.selectFirst("> category"), trace);
    // A post without tags has no <tag>.
    Element tag = item.selectFirst("> tag");
    if (tag != null) {
      ArrayNode tags = o.putArray("tags");
      from(trace, o, "tags", tag);
      for (String t : tag.text().split(",")) {
        if (!t.isBlank()) {
          tags.add(t.strip());
        }
      }
    }
    putText(o, "guid", item.selectFirst("> guid"), trace);
    return o;
  }

  private static void putText(
      ObjectNode o, String name, @Nullable Element e, @Nullable DomTrace trace) {
    if (e != null) {
      o.put(name, e.text().strip());
      from(trace, o, name, e);
    }
  }

  private static void from(@Nullable DomTrace trace, ObjectNode o, String name, Element e) {
    if (trace != null) {
      trace.from(o, name, e);
    }
  }

  @Override
  protected ParseResult map(
      JsonNode data, DocumentView page, ParseContext context, RecordSource source) {
    JsonNode ch = data.path("channel");
    String blogId = ch.path("blogId").asString();
    List<NormalizedRecord> records = new ArrayList<>();
    Unavailability blog = new Unavailability();
    blog.mark("followers", Unavailable.NOT_IN_PAGE_TYPE)
        .mark("postCount", Unavailable.NOT_IN_PAGE_TYPE)
        .mark("totalViews", Unavailable.NOT_IN_PAGE_TYPE);
    records.add(
        new ProfileRecord(
            Platform.NAVER_BLOG,
            blogId,
            blogId,
            ch.path("title").asString(),
            ch.path("description").isString() ? ch.get("description").asString() : null,
            nonEmpty(ch.path("image")),
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(),
            null,
            List.of(),
            blog.reasons(),
            context.observedAt(),
            source));
    Map<String, Unavailable> counts =
        new Unavailability()
            .mark("likes", Unavailable.NOT_IN_PAGE_TYPE)
            .mark("comments", Unavailable.NOT_IN_PAGE_TYPE)
            .reasons();
    List<String> ids = new ArrayList<>();
    for (JsonNode item : data.path("items")) {
      String logNo = item.path("logNo").asString();
      List<String> hashtags = new ArrayList<>();
      item.path("tags").forEach(t -> hashtags.add(t.asString()));
      records.add(
          new PostRecord(
              Platform.NAVER_BLOG,
              logNo,
              item.path("blogId").asString(),
              new NaverBlogValues.PostRef(item.path("blogId").asString(), logNo).url(),
              "blog",
              item.path("title").asString(),
              item.path("description").isString() ? item.get("description").asString() : null,
              null,
              OffsetDateTime.parse(item.path("pubDate").asString()).toInstant(),
              null,
              null,
              null,
              null,
              null,
              null,
              List.of(),
              hashtags,
              List.of(),
              List.of(),
              counts,
              context.observedAt(),
              source));
      ids.add(logNo);
    }
    return new ParseResult.Parsed(records, new Continuation(null, ids, Map.of("blogId", blogId)));
  }

  private static @Nullable String nonEmpty(JsonNode node) {
    return node.isString() && !node.asString().isEmpty() ? node.asString() : null;
  }
}
