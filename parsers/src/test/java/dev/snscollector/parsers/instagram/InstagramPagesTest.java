package dev.snscollector.parsers.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.DriftReport.PathFailure;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.parsers.TestCaptures;
import dev.snscollector.parsers.TracedParse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Instagram's HTML pages: which page a document is, refusals, and the post page's values. */
class InstagramPagesTest {
  private static final ParserRegistry REGISTRY = ParserRegistry.defaults();
  private static final String POST_URL = "https://www.instagram.com/p/DFsC_ik7rqL/";

  private static Capture page(String url, int status, Map<String, String> headers, String html) {
    return new Capture(
        url,
        "GET",
        status,
        headers,
        html.getBytes(StandardCharsets.UTF_8),
        TestCaptures.FETCHED_AT,
        null);
  }

  private static Capture page(String url, String html) {
    return page(url, 200, Map.of("content-type", "text/html"), html);
  }

  private static String postPage(String ogUrl, @Nullable String description) {
    return "<!DOCTYPE html><html><head>"
        + "<meta property=\"og:site_name\" content=\"Instagram\" />"
        + "<meta property=\"og:type\" content=\"video\" />"
        + "<meta property=\"instapp:owner_user_id\" content=\"51234567890\" />"
        + (description == null ? "" : "<meta name=\"description\" content='" + description + "' />")
        + "<meta property=\"og:image\" content=\"https://scontent.cdninstagram.com/a.jpg\" />"
        + "<meta property=\"og:url\" content=\""
        + ogUrl
        + "\" />"
        + "<title>Someone | Instagram</title></head><body></body></html>";
  }

  private static String profilePage(String handle) {
    return "<!DOCTYPE html><html><head>"
        + "<meta property=\"og:site_name\" content=\"Instagram\" />"
        + "<meta property=\"og:type\" content=\"profile\" />"
        + "<meta property=\"og:title\" content=\"Name (&#064;"
        + handle
        + ") &#x2022; Instagram photos and videos\" />"
        + "<meta property=\"og:description\" content=\"1,234 Followers, 5 Following, 6 Posts - See"
        + " Instagram photos and videos from Name (&#064;"
        + handle
        + ")\" />"
        + "<meta property=\"og:url\" content=\"https://www.instagram.com/"
        + handle
        + "/\" /></head><body></body></html>";
  }

  private static Optional<String> recognized(Capture capture) {
    return REGISTRY.recognize(capture).map(p -> p.pageType().id());
  }

  private static ParseResult parsePost(Capture capture) {
    return REGISTRY
        .byId(PageTypes.INSTAGRAM_WEB_POST_PAGE)
        .orElseThrow()
        .parse(capture, TestCaptures.CONTEXT);
  }

  @Test
  void aPostOrReelPageIsAPostPageAndNeverAProfilePage() {
    String description = "1,234 likes, 56 comments - a.b on February 24, 2026: \"hi\"";
    assertThat(recognized(page(POST_URL, postPage(POST_URL, description))))
        .contains(PageTypes.INSTAGRAM_WEB_POST_PAGE);
    String reel = "https://www.instagram.com/reel/DFsC_ik7rqK/";
    assertThat(recognized(page(reel, postPage(reel, description))))
        .contains(PageTypes.INSTAGRAM_WEB_POST_PAGE);
    assertThat(recognized(page("https://www.instagram.com/a.b/", profilePage("a.b"))))
        .contains(PageTypes.INSTAGRAM_WEB_PROFILE_PAGE);
  }

  @Test
  void aPageThatIsNeitherAPostNorAProfileIsNotClaimed() {
    String login =
        "<html><head><title>Login &#x2022; Instagram</title>"
            + "<meta property=\"og:site_name\" content=\"Instagram\">"
            + "<meta property=\"og:url\" content=\"https://www.instagram.com/accounts/login/\">"
            + "</head></html>";
    assertThat(recognized(page("https://www.instagram.com/a.b/", login))).isEmpty();
    // Instagram's explore page is addressed by one path segment, but it is no profile.
    String explore =
        profilePage("a.b")
            .replace("https://www.instagram.com/a.b/", "https://www.instagram.com/explore/");
    assertThat(recognized(page("https://www.instagram.com/explore/", explore))).isEmpty();
    // Not Instagram's at all.
    String other = postPage(POST_URL, null).replace("Instagram", "Elsewhere");
    assertThat(recognized(page("https://example.com/p/x/", other))).isEmpty();
  }

  @Test
  void loginRedirectsAndTheLoginPageAreLoginWallsWhereverTheyAreMet() {
    Capture redirect =
        page(
            POST_URL,
            302,
            Map.of("location", "https://www.instagram.com/accounts/login/?next=%2Fp%2Fx%2F"),
            "");
    Capture relative =
        page(POST_URL, 301, Map.of("location", "/accounts/login/?next=%2Fp%2Fx%2F"), "");
    Capture onLogin = page("https://www.instagram.com/accounts/login/?next=%2Fp%2Fx%2F", "<html>");
    Capture loginHtml =
        page(
            POST_URL,
            "<html><head><title>Log in &#x2022; Instagram</title>"
                + "<meta property=\"og:site_name\" content=\"Instagram\"></head></html>");
    for (Capture c : new Capture[] {redirect, relative, onLogin, loginHtml}) {
      assertThat(REGISTRY.refusal(c))
          .as(c.toString())
          .get()
          .extracting(ParseResult.Classified::outcome)
          .isEqualTo(Outcome.LOGIN_WALL);
      assertThat(parsePost(c))
          .as(c.toString())
          .isInstanceOfSatisfying(
              ParseResult.Classified.class,
              r -> assertThat(r.outcome()).isEqualTo(Outcome.LOGIN_WALL));
    }
  }

  @Test
  void instagramsThrottlingSentenceIsRateLimitedInAPageAndInJson() {
    Capture html =
        page(
            POST_URL,
            "<html><head><meta property=\"og:site_name\" content=\"Instagram\"></head><body>"
                + "<h2>Please wait a few minutes before you try again.</h2></body></html>");
    Capture json =
        page(
            "https://i.instagram.com/api/v1/media/1/info/",
            401,
            Map.of("content-type", "application/json"),
            "{\"message\":\"Please wait a few minutes before you try again.\",\"require_login\":true,"
                + "\"status\":\"fail\"}");
    assertThat(REGISTRY.refusal(html))
        .get()
        .extracting(ParseResult.Classified::outcome)
        .isEqualTo(Outcome.RATE_LIMITED);
    assertThat(REGISTRY.refusal(json))
        .get()
        .extracting(ParseResult.Classified::outcome)
        .isEqualTo(Outcome.RATE_LIMITED);
    assertThat(parsePost(html))
        .isInstanceOfSatisfying(
            ParseResult.Classified.class,
            r -> assertThat(r.outcome()).isEqualTo(Outcome.RATE_LIMITED));
  }

  @Test
  void otherSitesLoginPagesAreNotInstagramRefusals() {
    Capture other =
        page(
            "https://accounts.example.com/signin",
            "<html><head><title>Log in</title></head><body>Please wait a few minutes before you"
                + " try again</body></html>");
    Capture redirect =
        page(
            "https://www.example.com/watch?v=x",
            302,
            Map.of("location", "https://accounts.example.com/accounts/login"),
            "");
    InstagramParsers instagram = new InstagramParsers();
    assertThat(instagram.refusal(other)).isEmpty();
    assertThat(instagram.refusal(redirect)).isEmpty();
  }

  @Test
  void aPostPageYieldsItsCountsOwnerAndDayFromTheDescription() {
    String description =
        "990K likes, 8,873 comments - a.b on May 24, 2021: \"Hello &#064;c.d #tag\". ";
    PostRecord post =
        (PostRecord)
            ((ParseResult.Parsed) parsePost(page(POST_URL, postPage(POST_URL, description))))
                .records()
                .getFirst();

    assertThat(post.platformId()).isEqualTo(InstagramShortcodes.mediaId("DFsC_ik7rqL"));
    assertThat(post.ownerId()).isEqualTo("51234567890");
    assertThat(post.url()).isEqualTo(POST_URL);
    assertThat(post.postType()).isEqualTo("video");
    assertThat(post.likes()).isEqualTo(990_000L);
    assertThat(post.comments()).isEqualTo(8_873L);
    assertThat(post.publishedAt()).isEqualTo(Instant.parse("2021-05-24T00:00:00Z"));
    assertThat(post.approximate()).containsExactly("likes", "publishedAt");
    assertThat(post.caption()).isEqualTo("Hello @c.d #tag");
    assertThat(post.mentions()).containsExactly("c.d");
    assertThat(post.unavailable())
        .containsOnly(
            Map.entry("views", Unavailable.NOT_IN_PAGE_TYPE),
            Map.entry("shares", Unavailable.NOT_IN_PAGE_TYPE),
            Map.entry("saves", Unavailable.NOT_IN_PAGE_TYPE));
  }

  @Test
  void aDescriptionWithoutItsDateOrWithAnUnknownCountIsDrift() {
    ParseResult noDate =
        parsePost(page(POST_URL, postPage(POST_URL, "12 likes, 3 comments - a.b: \"hi\"")));
    assertThat(((ParseResult.Drifted) noDate).report().failures())
        .extracting(PathFailure::path)
        .containsExactly("/publishedDate");

    ParseResult views =
        parsePost(
            page(
                POST_URL,
                postPage(POST_URL, "5 views, 12 likes, 3 comments - a.b on May 2, 2026: \"x\"")));
    assertThat(((ParseResult.Drifted) views).report().failures())
        .extracting(PathFailure::path)
        .containsExactly("/unrecognized");
  }

  @Test
  void theDayIsReadInThePagesLanguage() {
    assertThat(InstagramPostDescription.date("a.b on Sept. 3, 2025"))
        .isEqualTo(LocalDate.of(2025, 9, 3));
    assertThat(InstagramPostDescription.date("a.b님, 2026년 2월 27일"))
        .isEqualTo(LocalDate.of(2026, 2, 27));
    assertThat(InstagramPostDescription.date("a.bさん(2026年2月27日)"))
        .isEqualTo(LocalDate.of(2026, 2, 27));
    assertThat(InstagramPostDescription.date("a.b el 3 de febrero de 2026"))
        .isEqualTo(LocalDate.of(2026, 2, 3));
    assertThat(InstagramPostDescription.date("a.b am 24. Mai 2021"))
        .isEqualTo(LocalDate.of(2021, 5, 24));
    assertThat(InstagramPostDescription.date("a.b le 1 août 2024"))
        .isEqualTo(LocalDate.of(2024, 8, 1));
    assertThat(InstagramPostDescription.date("a.b on 2024-08-01")).isNull();
    assertThat(InstagramPostDescription.date("a.b on February 30, 2026")).isNull();
  }

  @Test
  void everyValueOfAPageIsTracedToTheElementItCameFrom() {
    String description = "1,234 likes, 56 comments - a.b on February 24, 2026: \"hi\"";
    for (Capture c :
        new Capture[] {
          page(POST_URL, postPage(POST_URL, description)),
          page("https://www.instagram.com/a.b/", profilePage("a.b"))
        }) {
      PageParser parser = REGISTRY.recognize(c).orElseThrow();
      TracedParse traced = parser.parseTraced(c, TestCaptures.CONTEXT);

      assertThat(traced.result()).isInstanceOf(ParseResult.Parsed.class);
      for (String pointer : traced.touched()) {
        if (traced.structure() != null && !traced.structure().at(pointer).isMissingNode()) {
          assertThat(traced.domSources()).as(pointer).containsKey(pointer);
        }
      }
      assertThat(traced.domSources()).isNotEmpty();
    }
  }
}
