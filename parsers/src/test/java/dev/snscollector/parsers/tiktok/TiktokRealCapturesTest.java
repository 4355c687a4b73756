package dev.snscollector.parsers.tiktok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.parsers.EmbeddedJson;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.parsers.TestCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The real TikTok profile page in {@code ../shared/realdata/tiktok-web} (see its PROVENANCE.md),
 * read where it lies; the expected values are read from the page's own JSON at test time.
 */
class TiktokRealCapturesTest {
  private static Path file(String name) {
    String shared = System.getProperty("sns.shared.dir");
    Path path = Path.of(shared == null ? "(unset)" : shared, "realdata", "tiktok-web", name);
    assumeTrue(
        shared != null && Files.isRegularFile(path),
        "real TikTok capture not found (set -Dsns.shared.dir to the shared folder): " + path);
    return path;
  }

  @Test
  void theRealProfilePageYieldsOneProfileWithTheExactCountsOfItsStatsV2() throws IOException {
    Path path = file("metascraper__profile.html");
    String html = Files.readString(path, StandardCharsets.UTF_8);
    JsonNode info =
        java.util.Objects.requireNonNull(
                EmbeddedJson.scriptById(html, "__UNIVERSAL_DATA_FOR_REHYDRATION__"))
            .path("__DEFAULT_SCOPE__")
            .path("webapp.user-detail")
            .path("userInfo");
    JsonNode user = info.path("user");
    JsonNode exact = info.path("statsV2");
    Capture capture =
        new Capture(
            "https://www.tiktok.com/@" + user.path("uniqueId").asString(),
            "GET",
            200,
            Map.of("content-type", "text/html; charset=utf-8"),
            Files.readAllBytes(path),
            TestCaptures.FETCHED_AT,
            null);

    PageParser parser = ParserRegistry.defaults().recognize(capture).orElseThrow();
    assertThat(parser.pageType().id()).isEqualTo(TiktokWebProfileParser.PAGE_TYPE_ID);
    ParseResult result = parser.parse(capture, TestCaptures.CONTEXT);

    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(TestCaptures.violations(parsed.records())).isEmpty();
    ProfileRecord p = (ProfileRecord) parsed.records().getFirst();
    assertThat(p.platformId()).isEqualTo(user.path("id").asString());
    assertThat(p.handle()).isEqualTo(user.path("uniqueId").asString());
    assertThat(p.displayName()).isEqualTo(user.path("nickname").asString());
    assertThat(p.bio()).isEqualTo(user.path("signature").asString());
    assertThat(p.avatarUrl()).isEqualTo(user.path("avatarLarger").asString());
    assertThat(p.verified()).isEqualTo(user.path("verified").asBoolean());
    assertThat(p.followers()).isEqualTo(Long.parseLong(exact.path("followerCount").asString()));
    assertThat(p.following()).isEqualTo(Long.parseLong(exact.path("followingCount").asString()));
    assertThat(p.totalLikes()).isEqualTo(Long.parseLong(exact.path("heartCount").asString()));
    assertThat(p.postCount()).isEqualTo(Long.parseLong(exact.path("videoCount").asString()));
    assertThat(p.approximate()).isEmpty();
    assertThat(p.links()).hasSize(user.path("bioLink").path("link").isString() ? 1 : 0);
  }
}
