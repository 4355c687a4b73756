package dev.snscollector.parsers.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.EmbeddedJson;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.parsers.TestCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Real YouTube pages recorded by other projects ({@code ../shared/realdata/youtube-web}, see its
 * PROVENANCE.md), read where they lie. Expectations are read from each file at test time with a
 * full JSON parse ({@link EmbeddedJson}), independent of the pruning reader the parsers use.
 */
class YoutubeWebRealCapturesTest {
  private static final ParserRegistry REGISTRY = ParserRegistry.defaults();

  private static Path file(String name) {
    String shared = System.getProperty("sns.shared.dir");
    Path path = Path.of(shared == null ? "(unset)" : shared, "realdata", "youtube-web", name);
    assumeTrue(
        shared != null && Files.isRegularFile(path),
        "real YouTube web page not found (set -Dsns.shared.dir to the shared folder): " + path);
    return path;
  }

  private static Capture capture(Path file, String url, @Nullable String declared)
      throws IOException {
    return new Capture(
        url,
        "GET",
        200,
        Map.of("content-type", "text/html; charset=utf-8"),
        Files.readAllBytes(file),
        TestCaptures.FETCHED_AT,
        declared);
  }

  private static ParseResult parse(Capture capture, String expectedPageType) {
    PageParser parser = REGISTRY.recognize(capture).orElseThrow();
    assertThat(parser.pageType().id()).isEqualTo(expectedPageType);
    return parser.parse(capture, TestCaptures.CONTEXT);
  }

  private static JsonNode initialData(Path file) throws IOException {
    JsonNode data =
        EmbeddedJson.assigned(Files.readString(file, StandardCharsets.UTF_8), "ytInitialData");
    assertThat(data).as("ytInitialData of " + file).isNotNull();
    return data;
  }

  @Test
  void theChannelPageParsesToOneProfileWithTheIdentityItsMetadataDeclares() throws IOException {
    Path file = file("metascraper__youtube-channel.html");
    JsonNode meta = initialData(file).path("metadata").path("channelMetadataRenderer");
    JsonNode c4 = initialData(file).path("header").path("c4TabbedHeaderRenderer");

    ParseResult result =
        parse(capture(file, "https://www.youtube.com/@x", null), "youtube.web.channel");

    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    List<NormalizedRecord> records = ((ParseResult.Parsed) result).records();
    assertThat(TestCaptures.violations(records)).isEmpty();
    assertThat(records).hasSize(1);
    ProfileRecord p = (ProfileRecord) records.getFirst();
    assertThat(p.platformId()).isEqualTo(meta.path("externalId").asString());
    assertThat(p.displayName()).isEqualTo(meta.path("title").asString());
    assertThat(p.bio()).isEqualTo(meta.path("description").asString());
    assertThat(p.handle())
        .isEqualTo(
            c4.path("channelHandleText").path("runs").path(0).path("text").asString().substring(1));
    // "4,69 M de suscriptores" with a no-break space: millions, not 4.
    assertThat(p.followers()).isGreaterThan(1_000_000L);
    assertThat(p.postCount()).isGreaterThan(1_000L);
    assertThat(p.approximate()).containsExactly("followers", "postCount");
    assertThat(p.verified()).isEqualTo(c4.path("badges").toString().contains("VERIFIED"));
  }

  @Test
  void theOlderVideosPageYieldsOnePostPerGridVideoAndItsContinuationToken() throws IOException {
    Path file = file("pytube__channel-videos.html");
    List<JsonNode> grid = new ArrayList<>();
    String token = null;
    for (JsonNode tab : initialData(file).at("/contents/twoColumnBrowseResultsRenderer/tabs")) {
      for (JsonNode item :
          tab.at(
              "/tabRenderer/content/sectionListRenderer/contents/0/itemSectionRenderer"
                  + "/contents/0/gridRenderer/items")) {
        if (item.has("gridVideoRenderer")) {
          grid.add(item.get("gridVideoRenderer"));
        }
        JsonNode t =
            item.at("/continuationItemRenderer/continuationEndpoint/continuationCommand/token");
        token = t.isString() ? t.asString() : token;
      }
    }
    assertThat(grid).isNotEmpty();

    ParseResult result =
        parse(capture(file, "https://www.youtube.com/c/x/videos", null), "youtube.web.videos_tab");

    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(TestCaptures.violations(parsed.records())).isEmpty();
    assertThat(parsed.records()).hasSize(grid.size());
    assertThat(parsed.next().nextPageToken()).isEqualTo(token);
    for (int i = 0; i < grid.size(); i++) {
      PostRecord post = (PostRecord) parsed.records().get(i);
      JsonNode video = grid.get(i);
      assertThat(post.platformId()).isEqualTo(video.path("videoId").asString());
      assertThat(post.title()).isEqualTo(video.at("/title/runs/0/text").asString());
      String views = video.at("/viewCountText/simpleText").asString("").replaceAll("[^0-9]", "");
      assertThat(post.views()).isEqualTo(views.isEmpty() ? null : Long.valueOf(views));
    }
  }

  @Test
  void theConsentInterstitialIsBlockedNotALoginWall() throws IOException {
    // Served at www.youtube.com before the redirect: only the page's consent form shows it.
    Capture capture =
        capture(
            file("yta__youtube_consent_page.html.static"),
            "https://www.youtube.com/watch?v=aaaaaaaaaaa",
            "youtube.web.watch");

    ParseResult result = parse(capture, "youtube.web.watch");

    assertThat(result).isInstanceOf(ParseResult.Classified.class);
    assertThat(((ParseResult.Classified) result).outcome()).isEqualTo(Outcome.BLOCKED);
    assertThat(((ParseResult.Classified) result).reason()).contains("consent");
  }
}
