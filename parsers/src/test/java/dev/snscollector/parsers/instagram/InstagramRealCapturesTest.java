package dev.snscollector.parsers.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.MetricRecord;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.parsers.TestCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Real responses recorded by other projects ({@code ../shared/realdata/instagram-graph-api} and
 * {@code instagram-web}, see PROVENANCE.md), read where they lie and never copied; every expected
 * value is read from the file at test time. Every file is either one of our page types or named in
 * {@link #NOT_OUR_PAGE_TYPES}.
 */
class InstagramRealCapturesTest {
  private static final ParserRegistry REGISTRY = ParserRegistry.defaults();

  /** Files that are not a page type we collect, and why they are skipped. */
  private static final Map<String, String> NOT_OUR_PAGE_TYPES =
      Map.of(
          "graphapi__stories__stories_fields_p1.json",
              "stories vanish in 24 h; not collected (no page type)",
          "graphapi__hashtags__hashtag_top_medias_p1.json",
              "hashtag top media: other people's posts, not a creator's; not collected",
          "graphapi__instagram_basic__apidata__user__user_info.json",
              "Basic Display API /me, retired December 2024",
          "graphapi__instagram_basic__apidata__user__user_medias_p1.json",
              "Basic Display API /me/media, retired December 2024",
          "graphapi__base__token_info.json", "debug_token: token metadata, not content",
          "graphapi__base__long_term_token.json", "token exchange: not content",
          "graphapi__medias__medias_fields.json",
              "the ?ids= batch form, keyed by id; we fetch media one by one (instagram.graph.media)");

  private static Path folder(String name) {
    String shared = System.getProperty("sns.shared.dir");
    Path dir = Path.of(shared == null ? "(unset)" : shared, "realdata", name);
    assumeTrue(
        shared != null && Files.isDirectory(dir),
        "SKIPPED: real Instagram captures not found (set -Dsns.shared.dir to the shared folder): "
            + dir);
    return dir;
  }

  private static Path file(String folder, String name) {
    Path file = folder(folder).resolve(name);
    assumeTrue(Files.isRegularFile(file), "SKIPPED: real capture missing: " + file);
    return file;
  }

  private static Path graph(String name) {
    return file("instagram-graph-api", name);
  }

  private static Capture capture(Path file, String url, int status, @Nullable String declared)
      throws IOException {
    return new Capture(
        url,
        "GET",
        status,
        Map.of("content-type", "application/json; charset=UTF-8"),
        Files.readAllBytes(file),
        TestCaptures.FETCHED_AT,
        declared);
  }

  private static ParseResult.Parsed parse(Capture capture, String expectedPageType) {
    PageParser parser = REGISTRY.recognize(capture).orElseThrow();
    assertThat(parser.pageType().id()).as(capture.url()).isEqualTo(expectedPageType);
    ParseResult result = parser.parse(capture, TestCaptures.CONTEXT);
    assertThat(result).as(capture.url()).isInstanceOf(ParseResult.Parsed.class);
    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(TestCaptures.violations(parsed.records())).as(capture.url()).isEmpty();
    for (NormalizedRecord r : parsed.records()) {
      assertThat(r.source().url()).doesNotContain("access_token");
    }
    return parsed;
  }

  /** The content of the first element {@code selector} finds; the test fails when there is none. */
  private static String attr(Document doc, String selector) {
    org.jsoup.nodes.Element el = doc.selectFirst(selector);
    assertThat(el).as(selector).isNotNull();
    return java.util.Objects.requireNonNull(el).attr("content");
  }

  private static JsonNode read(Path file) throws IOException {
    return Json.MAPPER.readTree(Files.readAllBytes(file));
  }

  private static List<String> ids(JsonNode data) {
    List<String> out = new ArrayList<>();
    data.forEach(n -> out.add(n.path("id").asString()));
    return out;
  }

  @Test
  void everyRealFileIsOneOfOurPageTypesOrNamedAsSkipped() throws IOException {
    Set<String> ours =
        Set.of(
            "graphapi__users__user_fields.json",
            "graphapi__users__medias_p1.json",
            "graphapi__users__medias_p2.json",
            "graphapi__users__user_insights.json",
            "graphapi__users__user_insights_new.json",
            "graphapi__medias__media_default.json",
            "graphapi__medias__insights.json",
            "graphapi__medias__insights_new.json",
            "graphapi__medias__comments_p1.json",
            "graphapi__discovery__user_fields.json",
            "graphapi__discovery__medias_p1.json",
            "graphapi__base__error_data.json");
    try (var files = Files.list(folder("instagram-graph-api"))) {
      Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
      assertThat(names)
          .allSatisfy(
              n ->
                  assertThat(ours.contains(n) || NOT_OUR_PAGE_TYPES.containsKey(n)).as(n).isTrue());
    }
  }

  @Test
  void filesThatAreNotOurPageTypesAreNotClaimedByTheInstagramRecognizer() throws IOException {
    InstagramParsers instagram = new InstagramParsers();
    for (String name :
        List.of(
            "graphapi__stories__stories_fields_p1.json",
            "graphapi__hashtags__hashtag_top_medias_p1.json",
            "graphapi__instagram_basic__apidata__user__user_info.json",
            "graphapi__base__token_info.json",
            "graphapi__base__long_term_token.json",
            "graphapi__medias__medias_fields.json")) {
      Path f = graph(name);
      assertThat(instagram.recognize(capture(f, "https://graph.facebook.com/x", 200, null)))
          .as(name + ": " + NOT_OUR_PAGE_TYPES.get(name))
          .isEmpty();
    }
  }

  @Test
  void theRealUserFieldsBecomeOneProfileWithItsCounts() throws IOException {
    Path f = graph("graphapi__users__user_fields.json");
    JsonNode doc = read(f);
    ProfileRecord p =
        (ProfileRecord)
            parse(
                    capture(f, "https://graph.facebook.com/v21.0/me", 200, null),
                    "instagram.graph.user")
                .records()
                .get(0);
    assertThat(p.platformId()).isEqualTo(doc.path("id").asString());
    assertThat(p.handle()).isEqualTo(doc.path("username").asString());
    assertThat(p.followers()).isEqualTo(doc.path("followers_count").asLong());
    assertThat(p.postCount()).isEqualTo(doc.path("media_count").asLong());
    assertThat(p.following()).isNull();
  }

  @Test
  void realMediaPagesYieldTheirPostsAndACursorOnlyWhenThereIsANextPage() throws IOException {
    for (String name :
        List.of("graphapi__users__medias_p1.json", "graphapi__users__medias_p2.json")) {
      Path f = graph(name);
      JsonNode doc = read(f);
      ParseResult.Parsed parsed =
          parse(
              capture(f, "https://graph.facebook.com/v21.0/17841406338772941/media", 200, null),
              "instagram.graph.media_list");
      assertThat(parsed.records())
          .extracting(NormalizedRecord::platformId)
          .isEqualTo(ids(doc.path("data")));
      for (int i = 0; i < doc.path("data").size(); i++) {
        JsonNode item = doc.path("data").get(i);
        PostRecord post = (PostRecord) parsed.records().get(i);
        assertThat(post.url()).isEqualTo(item.path("permalink").asString());
        assertThat(post.likes()).isEqualTo(item.path("like_count").asLong());
        assertThat(post.comments()).isEqualTo(item.path("comments_count").asLong());
        assertThat(post.ownerId()).isEqualTo("17841406338772941");
        assertThat(post.media())
            .hasSizeGreaterThanOrEqualTo(item.path("children").path("data").size());
      }
      JsonNode paging = doc.path("paging");
      assertThat(parsed.next().nextPageToken())
          .as(name)
          .isEqualTo(paging.has("next") ? paging.path("cursors").path("after").asString() : null);
    }
  }

  @Test
  void theRealCarouselFetchedByIdIsOnePostWithItsChildrensMedia() throws IOException {
    Path f = graph("graphapi__medias__media_default.json");
    JsonNode doc = read(f);
    PostRecord post =
        (PostRecord)
            parse(
                    capture(
                        f,
                        "https://graph.facebook.com/v21.0/" + doc.path("id").asString(),
                        200,
                        null),
                    "instagram.graph.media")
                .records()
                .get(0);
    assertThat(post.platformId()).isEqualTo(doc.path("id").asString());
    assertThat(post.postType()).isEqualTo("carousel");
    assertThat(post.caption()).isEqualTo(doc.path("caption").asString());
    assertThat(post.media())
        .extracting(m -> m.url())
        .contains(doc.path("children").path("data").path(2).path("thumbnail_url").asString());
  }

  @Test
  void realMediaInsightsYieldSavesWhereShownAndNothingWhenNoMetricMaps() throws IOException {
    Path legacy = graph("graphapi__medias__insights.json");
    JsonNode doc = read(legacy);
    ParseResult.Parsed parsed =
        parse(
            capture(legacy, "https://graph.facebook.com/v21.0/x/insights", 200, null),
            "instagram.graph.media_insights");
    PostRecord post = (PostRecord) parsed.records().get(0);
    String id = doc.path("data").path(0).path("id").asString();
    assertThat(post.platformId()).isEqualTo(id.substring(0, id.indexOf('/')));
    long saved = 0;
    for (JsonNode m : doc.path("data")) {
      if (m.path("name").asString().equals("saved")) {
        saved = m.path("values").path(0).path("value").asLong();
      }
    }
    assertThat(post.saves()).isEqualTo(saved);
    assertThat(post.views()).isNull();
    assertThat(post.likes()).isNull();

    // Only profile_activity: a metric the post record has no field for.
    Path v18 = graph("graphapi__medias__insights_new.json");
    ParseResult.Parsed onlyActivity =
        parse(
            capture(v18, "https://graph.facebook.com/v21.0/x/insights", 200, null),
            "instagram.graph.media_insights");
    assertThat(onlyActivity.records()).isEmpty();
    String v18Id = read(v18).path("data").path(0).path("id").asString();
    assertThat(onlyActivity.next().ids()).containsExactly(v18Id.substring(0, v18Id.indexOf('/')));
  }

  @Test
  void realUserInsightsInBothShapesGiveOneMetricRecordPerFigure() throws IOException {
    for (String name :
        List.of("graphapi__users__user_insights.json", "graphapi__users__user_insights_new.json")) {
      Path f = graph(name);
      JsonNode doc = read(f);
      String id = doc.path("data").path(0).path("id").asString();
      ParseResult.Parsed parsed =
          parse(
              capture(f, "https://graph.facebook.com/v21.0/x/insights", 200, null),
              "instagram.graph.user_insights");
      // every number the document holds, whole or per breakdown bucket, is one record's value
      List<Long> figures = new java.util.ArrayList<>();
      for (JsonNode metric : doc.path("data")) {
        metric.path("values").forEach(v -> figures.add(v.path("value").asLong()));
        JsonNode total = metric.path("total_value");
        if (total.has("value")) {
          figures.add(total.path("value").asLong());
        }
        total
            .path("breakdowns")
            .forEach(b -> b.path("results").forEach(r -> figures.add(r.path("value").asLong())));
      }
      assertThat(parsed.records())
          .as(name)
          .allSatisfy(r -> assertThat(r).isInstanceOf(MetricRecord.class))
          .extracting(r -> ((MetricRecord) r).value().longValueExact())
          .containsExactlyInAnyOrderElementsOf(figures);
      assertThat(parsed.records())
          .extracting(NormalizedRecord::platformId)
          .containsOnly(id.substring(0, id.indexOf('/')));
      assertThat(parsed.next().value("igUserId")).isEqualTo(id.substring(0, id.indexOf('/')));
    }
  }

  @Test
  void realCommentsTakeTheirPostIdFromTheNextPageUrl() throws IOException {
    Path f = graph("graphapi__medias__comments_p1.json");
    JsonNode doc = read(f);
    ParseResult.Parsed parsed =
        parse(
            capture(f, "https://graph.facebook.com/comments-page-1", 200, null),
            "instagram.graph.comments");
    assertThat(parsed.records())
        .extracting(NormalizedRecord::platformId)
        .isEqualTo(ids(doc.path("data")));
    String next = doc.path("paging").path("next").asString();
    String postId = next.replaceAll(".*/([0-9]+)/comments.*", "$1");
    assertThat(parsed.records())
        .allSatisfy(r -> assertThat(((CommentRecord) r).postId()).isEqualTo(postId));
    assertThat(((CommentRecord) parsed.records().get(0)).text())
        .isEqualTo(doc.path("data").path(0).path("text").asString());
    assertThat(parsed.next().nextPageToken())
        .isEqualTo(doc.path("paging").path("cursors").path("after").asString());
  }

  @Test
  void realBusinessDiscoveryYieldsTheOtherAccountAndItsMedia() throws IOException {
    Path user = graph("graphapi__discovery__user_fields.json");
    JsonNode bd = read(user).path("business_discovery");
    ParseResult.Parsed profile =
        parse(
            capture(user, "https://graph.facebook.com/v21.0/me", 200, null),
            "instagram.graph.business_discovery");
    ProfileRecord p = (ProfileRecord) profile.records().get(0);
    assertThat(profile.records()).hasSize(1);
    assertThat(p.platformId()).isEqualTo(bd.path("id").asString());
    assertThat(p.handle()).isEqualTo(bd.path("username").asString());
    assertThat(p.followers()).isEqualTo(bd.path("followers_count").asLong());
    assertThat(p.postCount()).isEqualTo(bd.path("media_count").asLong());

    Path media = graph("graphapi__discovery__medias_p1.json");
    JsonNode mbd = read(media).path("business_discovery");
    ParseResult.Parsed posts =
        parse(
            capture(media, "https://graph.facebook.com/v21.0/me", 200, null),
            "instagram.graph.business_discovery");
    assertThat(posts.records())
        .extracting(NormalizedRecord::platformId)
        .isEqualTo(ids(mbd.path("media").path("data")));
    assertThat(posts.records())
        .allSatisfy(
            r -> assertThat(((PostRecord) r).ownerId()).isEqualTo(mbd.path("id").asString()));
    assertThat(posts.next().nextPageToken())
        .isEqualTo(mbd.path("media").path("paging").path("cursors").path("after").asString());
  }

  @Test
  void theRealPermissionErrorIsBlockedNotNotFound() throws IOException {
    Path f = graph("graphapi__base__error_data.json");
    JsonNode error = read(f).path("error");
    Capture c = capture(f, "https://graph.facebook.com/v21.0/x", 400, "instagram.graph.user");
    ParseResult result = REGISTRY.recognize(c).orElseThrow().parse(c, TestCaptures.CONTEXT);
    assertThat(result).isInstanceOf(ParseResult.Classified.class);
    ParseResult.Classified classified = (ParseResult.Classified) result;
    // Code 100 without subcode 33: the message blames a missing permission as much as a missing
    // object.
    assertThat(error.has("error_subcode")).isFalse();
    assertThat(classified.outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(classified.reason()).contains(String.valueOf(error.path("code").asInt()));
  }

  @Test
  void realPostPagesArePostPagesWhosePostComesFromTheirMetaDescription() throws IOException {
    Pattern counts =
        Pattern.compile(
            "^([0-9.,]+)([KM]?) likes, ([0-9,]+) comments - [A-Za-z0-9._]+ on ([A-Z][a-z]+ [0-9]{1,2},"
                + " [0-9]{4}):");
    for (String name :
        List.of("metascraper__post-with-video.html", "metascraper__post-with-multi-photo.html")) {
      Path f = file("instagram-web", name);
      Capture capture =
          new Capture(
              f.toUri().toString(),
              "GET",
              200,
              Map.of("content-type", "text/html; charset=utf-8"),
              Files.readAllBytes(f),
              TestCaptures.FETCHED_AT,
              null);
      Document doc = Jsoup.parse(Files.readString(f));
      String description = attr(doc, "meta[name=description]");
      Matcher m = counts.matcher(description);
      assertThat(m.find()).as(description).isTrue();
      long multiplier = m.group(2).equals("K") ? 1_000 : m.group(2).equals("M") ? 1_000_000 : 1;
      String ogUrl = attr(doc, "meta[property=og:url]");
      String iosUrl = attr(doc, "meta[property=al:ios:url]");

      PostRecord post = (PostRecord) parse(capture, "instagram.web.post_page").records().get(0);

      // The id decoded from og:url's shortcode is the one the page's app link names.
      assertThat(post.platformId()).isEqualTo(iosUrl.substring(iosUrl.indexOf("id=") + 3));
      assertThat(post.url()).isEqualTo(ogUrl);
      assertThat(post.ownerId()).isEqualTo(attr(doc, "meta[property=instapp:owner_user_id]"));
      assertThat(post.likes())
          .isEqualTo(Math.round(Double.parseDouble(m.group(1).replace(",", "")) * multiplier));
      assertThat(post.comments()).isEqualTo(Long.parseLong(m.group(3).replace(",", "")));
      assertThat(post.publishedAt())
          .isEqualTo(
              LocalDate.parse(
                      m.group(4), DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH))
                  .atStartOfDay(ZoneOffset.UTC)
                  .toInstant());
      assertThat(post.approximate()).contains("publishedAt");
      assertThat(post.approximate().contains("likes")).isEqualTo(multiplier > 1);
      assertThat(post.caption()).isNotBlank();
      assertThat(REGISTRY.recognize(capture).orElseThrow().pageType().id())
          .as("a post page is not a profile page")
          .isNotEqualTo("instagram.web.profile_page");
    }
  }

  @Test
  void theRealMediaInfoBecomesOnePostPerItemWithItsCounts() throws IOException {
    Path f = file("instagram-web", "pender__instagram-item-graphql.json");
    JsonNode items = read(f).path("items");
    ParseResult.Parsed parsed =
        parse(
            capture(f, "https://i.instagram.com/api/v1/media/x/info/", 200, null),
            "instagram.web.media_info");
    assertThat(parsed.records()).hasSize(items.size());
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      PostRecord post = (PostRecord) parsed.records().get(i);
      assertThat(post.platformId()).isEqualTo(item.path("pk").asString());
      assertThat(post.url())
          .isEqualTo("https://www.instagram.com/p/" + item.path("code").asString() + "/");
      assertThat(post.ownerId()).isEqualTo(item.path("user").path("pk").asString());
      assertThat(post.likes()).isEqualTo(item.path("like_count").asLong());
      assertThat(post.comments()).isEqualTo(item.path("comment_count").asLong());
      assertThat(post.caption()).isEqualTo(item.path("caption").path("text").asString());
      assertThat(post.publishedAt().getEpochSecond()).isEqualTo(item.path("taken_at").asLong());
      assertThat(post.media()).hasSize(item.path("carousel_media").size());
    }
  }
}
