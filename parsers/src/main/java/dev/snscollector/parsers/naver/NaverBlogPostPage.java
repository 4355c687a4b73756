package dev.snscollector.parsers.naver;

import dev.snscollector.contracts.Json;
import dev.snscollector.parsers.DomTrace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a mobile PostView page through its DOM into the intermediate tree that {@code
 * naver_blog.post}'s structure schema checks: {@code blogId}, {@code logNo}, {@code title}, {@code
 * publishedAt}, {@code commentEnable}, {@code commentCount}, {@code editor}, {@code category},
 * {@code text}, {@code images[].url}, {@code tags}. A value the page does not carry is left out, so
 * the schema names it. When the parse is traced ({@link DomTrace}), each value records the element
 * it came from, so that a mutation test can remove or rename that element.
 *
 * <p>Where each comes from: blogId, logNo and title are attributes of the hidden {@code
 * #_photo_view_property} element; the publication time is {@code #_post_property[addDate]} (epoch
 * milliseconds, written in KST), whether comments are on its {@code commentEnable} and the comment
 * count its {@code commentCount}; the category is the category link above the title, which the
 * mobile page writes with a leading "- "; tags are the {@code gsTagName} list of the page script
 * that declares it (an empty string when the post has none). The editor generation is the one
 * {@code #_post_property[editorversion]} declares, and the body is that generation's container:
 * SmartEditor ONE ({@code 4}) {@code div.se-main-container}, SmartEditor 3 {@code
 * div.se_component_wrap} (the {@code __se_component_area} one when marked), SmartEditor 2 {@code
 * #postViewArea} on desktop pages and {@code #viewTypeSelector} on mobile ones. Its text is its
 * paragraphs joined by newlines; images are its {@code img} elements' lazy-load source (else {@code
 * src}), stickers left out.
 */
final class NaverBlogPostPage {
  private static final String TAGS = "var gsTagName = \"";

  private NaverBlogPostPage() {}

  static ObjectNode read(Document doc, @Nullable DomTrace trace) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    Element photo = doc.getElementById("_photo_view_property");
    Element post = doc.getElementById("_post_property");
    if (photo != null) {
      putAttr(out, "blogId", photo, "blogId", trace);
      putAttr(out, "logNo", photo, "logNo", trace);
      putAttr(out, "title", photo, "title", trace);
    }
    if (post != null) {
      String iso = NaverBlogValues.isoFromEpochMillis(post.attr("addDate"));
      if (iso != null) {
        put(out, "publishedAt", iso, post, trace);
      } else if (post.hasAttr("addDate")) {
        put(out, "publishedAt", post.attr("addDate"), post, trace);
      }
      String enable = post.attr("commentEnable");
      if (enable.equals("true") || enable.equals("false")) {
        out.put("commentEnable", Boolean.parseBoolean(enable));
        from(trace, out, "commentEnable", post);
      } else if (post.hasAttr("commentEnable")) {
        put(out, "commentEnable", enable, post, trace);
      }
      if (post.attr("commentCount").matches("[0-9]+")) {
        out.put("commentCount", Long.parseLong(post.attr("commentCount")));
        from(trace, out, "commentCount", post);
      }
    }
    Element category = doc.selectFirst(".tit_category a, .blog_category a");
    if (category != null) {
      String name = NaverBlogValues.clean(category.text());
      put(out, "category", name.startsWith("- ") ? name.substring(2) : name, category, trace);
    }
    Element tagScript = tagScript(doc);
    if (tagScript != null) {
      ArrayNode tags = out.putArray("tags");
      from(trace, out, "tags", tagScript);
      String data = tagScript.data();
      int start = data.indexOf(TAGS) + TAGS.length();
      int end = data.indexOf('"', start);
      for (String tag : data.substring(start, end < 0 ? start : end).split(",")) {
        if (!tag.isBlank()) {
          tags.add(tag.strip());
        }
      }
    }
    if (post != null && post.hasAttr("editorversion")) {
      String editor = "se" + post.attr("editorversion").strip();
      put(out, "editor", editor, post, trace);
      Element body = body(doc, editor);
      if (body != null) {
        put(out, "text", String.join("\n", NaverBlogValues.paragraphs(body)), body, trace);
        ArrayNode images = out.putArray("images");
        from(trace, out, "images", body);
        for (Element img : images(body)) {
          ObjectNode image = images.addObject();
          put(image, "url", imageUrl(img), img, trace);
        }
      }
    }
    return out;
  }

  /**
   * The body container of the editor generation the page declares; null when it has none, so that a
   * page whose container changed is drift rather than read from another generation's container.
   */
  private static @Nullable Element body(Document doc, String editor) {
    return switch (editor) {
      case "se4" -> doc.selectFirst("div.se-main-container");
      case "se3" -> {
        Element marked = doc.selectFirst("div.se_component_wrap.__se_component_area");
        yield marked != null ? marked : doc.selectFirst("div.se_component_wrap");
      }
      case "se2" -> {
        Element desktop = doc.getElementById("postViewArea");
        yield desktop != null ? desktop : doc.getElementById("viewTypeSelector");
      }
      default -> null;
    };
  }

  /** The page script that declares the post's tags, or null. */
  private static @Nullable Element tagScript(Document doc) {
    for (Element script : doc.getElementsByTag("script")) {
      if (script.data().contains(TAGS)) {
        return script;
      }
    }
    return null;
  }

  /** The body's images, each once by URL, stickers left out. */
  private static List<Element> images(Element body) {
    Set<String> seen = new HashSet<>();
    List<Element> out = new ArrayList<>();
    for (Element img : body.select("img")) {
      if (img.className().contains("sticker")) {
        continue;
      }
      String url = imageUrl(img);
      if ((url.startsWith("http://") || url.startsWith("https://")) && seen.add(url)) {
        out.add(img);
      }
    }
    return out;
  }

  private static String imageUrl(Element img) {
    String url = img.attr("data-lazy-src");
    return url.isEmpty() ? img.attr("src") : url;
  }

  private static void putAttr(
      ObjectNode out, String name, Element e, String attr, @Nullable DomTrace trace) {
    if (e.hasAttr(attr)) {
      put(out, name, e.attr(attr).strip(), e, trace);
    }
  }

  private static void put(
      ObjectNode out, String name, String value, Element source, @Nullable DomTrace trace) {
    out.put(name, value);
    from(trace, out, name, source);
  }

  private static void from(@Nullable DomTrace trace, ObjectNode out, String name, Element source) {
    if (trace != null) {
      trace.from(out, name, source);
    }
  }
}
