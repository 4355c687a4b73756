package dev.snscollector.parsers.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.Unavailable;
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
  private static final String PLAYER = "https://www.youtube.com/youtubei/v1/player";

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
    // The channel's header comes first: 2021, before handles and video counts in the header.
    assertThat(parsed.records()).hasSize(grid.size() + 1);
    ProfileRecord profile = (ProfileRecord) parsed.records().getFirst();
    assertThat(profile.followers()).isGreaterThan(1_000_000L);
    assertThat(profile.unavailable())
        .containsOnly(
            entry("handle", Unavailable.NOT_SET),
            entry("postCount", Unavailable.NOT_IN_PAGE_TYPE),
            entry("totalViews", Unavailable.NOT_IN_PAGE_TYPE));
    assertThat(parsed.next().nextPageToken()).isEqualTo(token);
    for (int i = 0; i < grid.size(); i++) {
      PostRecord post = (PostRecord) parsed.records().get(i + 1);
      JsonNode video = grid.get(i);
      assertThat(post.platformId()).isEqualTo(video.path("videoId").asString());
      assertThat(post.title()).isEqualTo(video.at("/title/runs/0/text").asString());
      String views = video.at("/viewCountText/simpleText").asString("").replaceAll("[^0-9]", "");
      assertThat(post.views()).isEqualTo(views.isEmpty() ? null : Long.valueOf(views));
    }
  }

  @Test
  void theChannelsBrowseResponseYieldsItsProfileFromTheHeaderWithTheVideos() throws IOException {
    Path file = file("newpipe__channel_kurzgesagt__browse.json");
    JsonNode doc = Json.MAPPER.readTree(Files.readAllBytes(file));
    JsonNode meta = doc.path("metadata").path("channelMetadataRenderer");

    ParseResult result =
        parse(
            capture(file, "https://www.youtube.com/youtubei/v1/browse", null),
            "youtube.web.videos_tab");

    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    List<NormalizedRecord> records = ((ParseResult.Parsed) result).records();
    assertThat(records.getFirst()).isInstanceOf(ProfileRecord.class);
    ProfileRecord p = (ProfileRecord) records.getFirst();
    assertThat(p.platformId()).isEqualTo(meta.path("externalId").asString());
    assertThat(p.handle()).isEqualTo("kurzgesagt");
    // "25m subscribers", "337 videos"
    assertThat(p.followers()).isEqualTo(25_000_000L);
    assertThat(p.postCount()).isEqualTo(337L);
    assertThat(p.approximate()).containsExactly("followers");
    assertThat(records.subList(1, records.size()))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(((PostRecord) r).ownerId()).isEqualTo(p.platformId()));
  }

  @Test
  void realPlayerResponsesAreClassifiedByWhatTheyShow() throws IOException {
    Capture unavailable =
        capture(file("yta__youtube_video_unavailable.innertube.json.static"), PLAYER, null);
    Capture botCheck = capture(file("yta__youtube_unplayable.innertube.json.static"), PLAYER, null);
    Capture ageGate =
        capture(file("yta__youtube_age_restricted.innertube.json.static"), PLAYER, null);

    assertThat(((ParseResult.Classified) parse(unavailable, "youtube.web.watch")).outcome())
        .isEqualTo(Outcome.NOT_FOUND);
    assertThat(((ParseResult.Classified) parse(ageGate, "youtube.web.watch")).outcome())
        .isEqualTo(Outcome.LOGIN_WALL);
    // No videoDetails and "Sign in to confirm you're not a bot": a refusal, no page type.
    assertThat(REGISTRY.recognize(botCheck)).isEmpty();
    assertThat(REGISTRY.refusal(botCheck).map(ParseResult.Classified::outcome))
        .contains(Outcome.BLOCKED);
  }

  @Test
  void anAppClientsPlayerResponseHasNoPublicationTimeOrLikes() throws IOException {
    Path file = file("yta__youtube_po_token_required.innertube.json.static");
    JsonNode details = Json.MAPPER.readTree(Files.readAllBytes(file)).path("videoDetails");

    ParseResult result = parse(capture(file, PLAYER, null), "youtube.web.watch");

    PostRecord post = (PostRecord) ((ParseResult.Parsed) result).records().getFirst();
    assertThat(post.platformId()).isEqualTo(details.path("videoId").asString());
    assertThat(post.views()).isEqualTo(Long.valueOf(details.path("viewCount").asString()));
    assertThat(post.unavailable())
        .containsOnly(
            entry("publishedAt", Unavailable.NOT_IN_PAGE_TYPE),
            entry("likes", Unavailable.NOT_IN_PAGE_TYPE),
            entry("comments", Unavailable.NOT_IN_PAGE_TYPE));
  }

  @Test
  void theConsentInterstitialWithoutADeclaredTypeIsARefusalNotAChannel() throws IOException {
    Capture capture =
        capture(file("yta__youtube_consent_page.html.static"), "https://www.youtube.com/", null);

    assertThat(REGISTRY.recognize(capture)).isEmpty();
    assertThat(REGISTRY.refusal(capture).map(ParseResult.Classified::outcome))
        .contains(Outcome.BLOCKED);
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
