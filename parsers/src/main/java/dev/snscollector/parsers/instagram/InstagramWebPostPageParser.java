package dev.snscollector.parsers.instagram;

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
import dev.snscollector.parsers.text.Counts.Count;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Reads a logged-out post or reel page, {@code https://www.instagram.com/p/<shortcode>/} or {@code
 * /reel/<shortcode>/}: the crawl's fallback when the media info JSON is refused. The page is a
 * shell; what it carries is in its meta tags, read through the DOM into a flat intermediate
 * structure ({@link InstagramMetaTree}, every value traced to its element) that the schema checks:
 *
 * <ul>
 *   <li>{@code shortcode}, {@code pathKind} ({@code p}, {@code reel}, {@code tv}): the path of
 *       {@code og:url}; the record's id is the media id the shortcode encodes ({@link
 *       InstagramShortcodes}), as the other Instagram page types give it;
 *   <li>{@code ownerId}: {@code instapp:owner_user_id}, the owner's numeric id;
 *   <li>{@code likes}, {@code comments} and each one's {@code …Approximate}, {@code publishedDate},
 *       {@code caption}: the {@code description} meta (else {@code og:description}, which carries
 *       the same text), read by {@link InstagramPostDescription}: {@code 990K likes, 8,873 comments
 *       - handle on May 24, 2021: "caption"}, with a list {@code unrecognized} that must be empty;
 *   <li>{@code ogType}, {@code image}, {@code video}: {@code og:type}, {@code og:image}, {@code
 *       og:video}.
 * </ul>
 *
 * The schema requires all of them but the caption and the media. One {@link PostRecord}: counts
 * shown abbreviated are named in {@code approximate}, and so is {@code publishedAt}, which the page
 * shows as a day only (midnight UTC of that day). The page shows no views, shares or saves: {@code
 * not_in_page_type}. postType is {@code reel} for a reel's address, {@code video} when {@code
 * og:type} says so, else unknown (a photo and a carousel look alike here).
 *
 * <p>Classified, never parsed ({@link InstagramRefusals#page}): a redirect to or a capture of the
 * login page, and the login page's HTML, are {@link Outcome#LOGIN_WALL}; "Please wait a few minutes
 * before you try again" and status 429 are {@link Outcome#RATE_LIMITED}; "Sorry, this page isn't
 * available." and status 404 are {@link Outcome#NOT_FOUND}.
 */
public final class InstagramWebPostPageParser extends HtmlPageParser {
  public static final String PAGE_TYPE_ID = PageTypes.INSTAGRAM_WEB_POST_PAGE;

  public InstagramWebPostPageParser() {
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
    Element description = InstagramPages.metaElement(doc, "description");
    if (description == null) {
      description = InstagramPages.metaElement(doc, "og:description");
    }
    if (url == null && description == null) {
      return null;
    }
    InstagramMetaTree out = new InstagramMetaTree(page.domTrace());
    if (url != null) {
      InstagramPages.PostPath path = InstagramPages.postPath(url.attr("content").strip());
      if (path != null) {
        out.put("shortcode", path.shortcode(), url);
        out.put("pathKind", path.kind(), url);
      }
    }
    Element owner = InstagramPages.metaElement(doc, "instapp:owner_user_id");
    if (owner != null && !owner.attr("content").isBlank()) {
      out.put("ownerId", owner.attr("content").strip(), owner);
    }
    putContent(out, "ogType", InstagramPages.metaElement(doc, "og:type"));
    putContent(out, "image", InstagramPages.metaElement(doc, "og:image"));
    putContent(out, "video", InstagramPages.metaElement(doc, "og:video"));
    ArrayNode unrecognized = out.tree().putArray("unrecognized");
    if (description != null) {
      InstagramPostDescription.Read read =
          InstagramPostDescription.read(description.attr("content").strip());
      for (Map.Entry<String, Count> e : read.counts().entrySet()) {
        out.count(e.getKey(), e.getValue(), description);
      }
      read.unrecognized().forEach(unrecognized::add);
      LocalDate date = read.date();
      if (date != null) {
        out.put("publishedDate", date.toString(), description);
      }
      String caption = read.caption();
      if (caption != null) {
        out.put("caption", caption, description);
      }
    }
    return out.tree();
  }

  private static void putContent(InstagramMetaTree out, String key, @Nullable Element meta) {
    if (meta != null && !meta.attr("content").isBlank()) {
      out.put(key, meta.attr("content").strip(), meta);
    }
  }

  @Override
  protected String missingDescription(DocumentView doc) {
    return "no og:url or description meta tags";
  }

  @Override
  protected ParseResult map(
      JsonNode data, DocumentView page, ParseContext context, RecordSource source) {
    String shortcode = data.path("shortcode").asString();
    String kind = data.path("pathKind").asString();
    String mediaId = InstagramShortcodes.mediaId(shortcode);
    String ogType = InstagramValues.text(data.path("ogType"));
    boolean video = "video".equals(ogType) || "reel".equals(kind) || "tv".equals(kind);
    String type = "reel".equals(kind) ? "reel" : video ? "video" : null;
    List<String> approximate = new ArrayList<>();
    long likes = count(data, InstagramPostDescription.LIKES, approximate);
    long comments = count(data, InstagramPostDescription.COMMENTS, approximate);
    // The page shows the day, not the time.
    approximate.add("publishedAt");
    Unavailability u =
        new Unavailability()
            .mark("views", Unavailable.NOT_IN_PAGE_TYPE)
            .mark("shares", Unavailable.NOT_IN_PAGE_TYPE)
            .mark("saves", Unavailable.NOT_IN_PAGE_TYPE);
    List<Media> media = new ArrayList<>();
    String image = InstagramValues.text(data.path("image"));
    if (image != null) {
      media.add(new Media(video ? "thumbnail" : "image", image, null, null));
    }
    String videoUrl = InstagramValues.text(data.path("video"));
    if (videoUrl != null) {
      media.add(new Media("video", videoUrl, null, null));
    }
    String caption = InstagramValues.text(data.path("caption"));
    PostRecord post =
        new PostRecord(
            Platform.INSTAGRAM,
            mediaId,
            data.path("ownerId").asString(),
            "reel".equals(kind)
                ? InstagramValues.reelUrl(shortcode)
                : InstagramValues.postUrl(shortcode),
            type,
            null,
            caption,
            null,
            LocalDate.parse(data.path("publishedDate").asString())
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant(),
            null,
            null,
            likes,
            comments,
            null,
            null,
            media,
            InstagramValues.hashtags(caption),
            InstagramValues.mentions(caption),
            approximate,
            u.reasons(),
            context.observedAt(),
            source);
    return new ParseResult.Parsed(
        List.of(post), new Continuation(null, List.of(mediaId), Map.of("shortcode", shortcode)));
  }

  /** A count the schema requires, named in {@code approximate} when abbreviated. */
  private static long count(JsonNode data, String key, List<String> approximate) {
    if (data.path(key + "Approximate").asBoolean(false)) {
      approximate.add(key);
    }
    return data.path(key).asLong();
  }
}
