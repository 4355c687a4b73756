package dev.snscollector.parsers.naver;

import dev.snscollector.contracts.Json;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a mobile PostView page through its DOM into the intermediate tree that {@code
 * naver_blog.post}'s structure schema checks: {@code blogId}, {@code logNo}, {@code title}, {@code
 * publishedAt}, {@code editor}, {@code category}, {@code text}, {@code images[].url}, {@code tags},
 * {@code commentCount}. A value the page does not carry is left out, so the schema names it.
 *
 * <p>Where each comes from: blogId, logNo and title are attributes of the hidden {@code
 * #_photo_view_property} element; the publication time is {@code #_post_property[addDate]} (epoch
 * milliseconds, written in KST) and the comment count its {@code commentCount}; the category is the
 * category link above the title, which the mobile page writes with a leading "- "; tags are the
 * page script's {@code gsTagName} list. The body is, by editor generation: SmartEditor ONE {@code
 * div.se-main-container}, SmartEditor 3 {@code div.se_component_wrap} (the {@code
 * __se_component_area} one when marked), SmartEditor 2 {@code #postViewArea} on desktop pages and
 * {@code #viewTypeSelector} on mobile ones. Its text is its paragraphs joined by newlines; images
 * are its {@code img} elements' lazy-load source (else {@code src}), stickers left out.
 */
final class NaverBlogPostPage {
  private static final Pattern TAGS = Pattern.compile("var gsTagName = \"([^\"]*)\";");

  private NaverBlogPostPage() {}

  static ObjectNode read(Document doc, String html) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    Element photo = doc.getElementById("_photo_view_property");
    Element post = doc.getElementById("_post_property");
    if (photo != null) {
      putAttr(out, "blogId", photo, "blogId");
      putAttr(out, "logNo", photo, "logNo");
      putAttr(out, "title", photo, "title");
    }
    if (post != null) {
      String iso = NaverBlogValues.isoFromEpochMillis(post.attr("addDate"));
      if (iso != null) {
        out.put("publishedAt", iso);
      } else if (post.hasAttr("addDate")) {
        out.put("publishedAt", post.attr("addDate"));
      }
      if (post.attr("commentCount").matches("[0-9]+")) {
        out.put("commentCount", Long.parseLong(post.attr("commentCount")));
      }
    }
    Element category = doc.selectFirst(".tit_category a, .blog_category a");
    if (category != null) {
      String name = NaverBlogValues.clean(category.text());
      out.put("category", name.startsWith("- ") ? name.substring(2) : name);
    }
    ArrayNode tags = out.putArray("tags");
    Matcher m = TAGS.matcher(html);
    if (m.find()) {
      for (String tag : m.group(1).split(",")) {
        if (!tag.isBlank()) {
          tags.add(tag.strip());
        }
      }
    }
    Body body = body(doc);
    if (body != null) {
      out.put("editor", body.editor());
      out.put("text", String.join("\n", NaverBlogValues.paragraphs(body.element())));
      ArrayNode images = out.putArray("images");
      for (String url : images(body.element())) {
        images.addObject().put("url", url);
      }
    }
    return out;
  }

  private record Body(String editor, Element element) {}

  private static @Nullable Body body(Document doc) {
    Element se4 = doc.selectFirst("div.se-main-container");
    if (se4 != null) {
      return new Body("se4", se4);
    }
    Element se3 = doc.selectFirst("div.se_component_wrap.__se_component_area");
    if (se3 == null) {
      se3 = doc.selectFirst("div.se_component_wrap");
    }
    if (se3 != null) {
      return new Body("se3", se3);
    }
    Element se2 = doc.getElementById("postViewArea");
    if (se2 == null) {
      se2 = doc.getElementById("viewTypeSelector");
    }
    return se2 == null ? null : new Body("se2", se2);
  }

  private static Set<String> images(Element body) {
    Set<String> out = new LinkedHashSet<>();
    for (Element img : body.select("img")) {
      if (img.className().contains("sticker")) {
        continue;
      }
      String url = img.attr("data-lazy-src");
      if (url.isEmpty()) {
        url = img.attr("src");
      }
      if (url.startsWith("http://") || url.startsWith("https://")) {
        out.add(url);
      }
    }
    return out;
  }

  private static void putAttr(ObjectNode out, String name, Element e, String attr) {
    if (e.hasAttr(attr)) {
      out.put(name, e.attr(attr).strip());
    }
  }
}
