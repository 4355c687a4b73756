package dev.snscollector.parsers.naver;

import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
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
 * the structure schema checks. Mapping: the profile's platformId and handle are the blogId of the
 * channel link, displayName the channel title (the blog's title: the feed has no nickname), bio the
 * channel description, avatar the channel image; counts are null (the feed shows none). Each post
 * has platformId = logNo, URL {@code https://blog.naver.com/<blogId>/<logNo>} (the feed's {@code
 * fromRss}/{@code trackingCode} parameters dropped), postType {@code blog}, caption the item's
 * description excerpt as plain text, hashtags the comma-separated {@code tag}; metrics null.
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
    Document xml = Jsoup.parse(page.text(), page.capture().url(), Parser.xmlParser());
    Element rss = xml.selectFirst("rss");
    if (rss == null) {
      return null;
    }
    Element channel = rss.selectFirst("> channel");
    if (channel == null) {
      return null;
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("version", rss.attr("version"));
    ObjectNode ch = out.putObject("channel");
    putText(ch, "title", channel.selectFirst("> title"));
    putText(ch, "link", channel.selectFirst("> link"));
    putText(ch, "description", channel.selectFirst("> description"));
    putText(ch, "image", channel.selectFirst("> image > url"));
    String home = ch.path("link").asString("");
    String blogId = NaverBlogValues.blogOfHome(home);
    if (blogId != null) {
      ch.put("blogId", blogId);
    }
    ArrayNode items = out.putArray("items");
    for (Element item : channel.select("> item")) {
      items.add(item(item));
    }
    return out;
  }

  @Override
  protected String missingDescription(DocumentView doc) {
    return "no <rss><channel> document";
  }

  private static ObjectNode item(Element item) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    putText(o, "title", item.selectFirst("> title"));
    putText(o, "link", item.selectFirst("> link"));
    NaverBlogValues.PostRef ref = NaverBlogValues.post(o.path("link").asString(""));
    if (ref != null) {
      o.put("blogId", ref.blogId());
      o.put("logNo", ref.logNo());
    }
    Element description = item.selectFirst("> description");
    if (description != null) {
      // The description is an HTML excerpt inside CDATA; its text is what readers see.
      o.put("description", NaverBlogValues.clean(Jsoup.parse(description.text()).text()));
    }
    Element pubDate = item.selectFirst("> pubDate");
    if (pubDate != null) {
      String iso = NaverBlogValues.isoFromRfc822(pubDate.text());
      o.put("pubDate", iso != null ? iso : pubDate.text());
    }
    putText(o, "category", item.selectFirst("> category"));
    ArrayNode tags = o.putArray("tags");
    Element tag = item.selectFirst("> tag");
    if (tag != null) {
      for (String t : tag.text().split(",")) {
        if (!t.isBlank()) {
          tags.add(t.strip());
        }
      }
    }
    putText(o, "guid", item.selectFirst("> guid"));
    return o;
  }

  private static void putText(ObjectNode o, String name, @Nullable Element e) {
    if (e != null) {
      o.put(name, e.text().strip());
    }
  }

  @Override
  protected ParseResult map(
      JsonNode data, DocumentView page, ParseContext context, RecordSource source) {
    JsonNode ch = data.path("channel");
    String blogId = ch.path("blogId").asString();
    List<NormalizedRecord> records = new ArrayList<>();
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
            Map.of(),
            context.observedAt(),
            source));
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
              Map.of(),
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
