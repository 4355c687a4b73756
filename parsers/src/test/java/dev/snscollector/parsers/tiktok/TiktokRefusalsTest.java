package dev.snscollector.parsers.tiktok;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static dev.snscollector.parsers.tiktok.TiktokWebParsersTest.html;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.parsers.TestCaptures;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * TikTok refusal pages name no page type: {@link TiktokParsers#refusal} classifies them from their
 * own markers, the same way the web page parsers classify them when a route fetched one as a page.
 */
class TiktokRefusalsTest {
  private static final String PROFILE_URL = "https://www.tiktok.com/@dal.bit";
  private static final String CAPTCHA =
      "<!DOCTYPE html><html><head><title>TikTok - Make Your Day</title></head><body>"
          + "<div id=\"captcha-verify-container-main-page\" class=\"captcha-verify-container\">"
          + "<div class=\"captcha_verify_bar\"><span>Verify to continue:</span></div>"
          + "</div></body></html>";
  private static final String LOGIN =
      "<html><head><title>Log in | TikTok</title></head><body><div id=\"loginContainer\">"
          + "</div></body></html>";

  private final TiktokParsers platform = new TiktokParsers();

  @Test
  void theVerifyPageIsBlockedAndTheLoginPageALoginWallWithoutClaimingAPageType() {
    Capture captcha = html(PROFILE_URL, 200, CAPTCHA);
    Capture login = html("https://www.tiktok.com/login?redirect_url=%2F%40dal.bit", 200, LOGIN);

    assertThat(platform.recognize(captcha)).isEmpty();
    assertThat(platform.recognize(login)).isEmpty();
    assertThat(outcome(platform.refusal(captcha))).contains(Outcome.BLOCKED);
    assertThat(outcome(platform.refusal(login))).contains(Outcome.LOGIN_WALL);
    assertThat(outcome(ParserRegistry.defaults().refusal(captcha))).contains(Outcome.BLOCKED);
  }

  @Test
  void theRefusalAndThePageParsersClassifyTheSamePageTheSameWay() {
    for (Capture page :
        new Capture[] {
          html(PROFILE_URL, 200, CAPTCHA),
          html(PROFILE_URL, 200, LOGIN),
          html(PROFILE_URL, 429, "<html><head><title>TikTok</title></head></html>")
        }) {
      Optional<Outcome> refusal = outcome(platform.refusal(page));
      ParseResult asProfile = new TiktokWebProfileParser().parse(page, CONTEXT);
      ParseResult asVideo = new TiktokWebVideoParser().parse(page, CONTEXT);

      assertThat(refusal).isPresent();
      assertThat(((ParseResult.Classified) asProfile).outcome()).isEqualTo(refusal.get());
      assertThat(((ParseResult.Classified) asVideo).outcome()).isEqualTo(refusal.get());
    }
  }

  @Test
  void aCaptchaPageOfAnotherSiteOrAPageWithTiktokDataIsNoTiktokRefusal() {
    Capture elsewhere =
        html(
            "https://www.example.org/check",
            200,
            "<html><head><title>Please verify</title></head><body>captcha</body></html>");
    Capture withData =
        html(
            PROFILE_URL,
            200,
            TiktokWebParsersTest.rehydration(
                "webapp.user-detail", "{\"statusCode\":10221,\"userInfo\":{}}"));

    assertThat(platform.refusal(elsewhere)).isEmpty();
    assertThat(platform.refusal(withData)).isEmpty();
    assertThat(platform.recognize(withData)).contains(TiktokWebProfileParser.PAGE_TYPE_ID);
  }

  @Test
  void aDisplayApiErrorEnvelopeIsClassifiedAsTheApiParsersDoAndASuccessIsNot() {
    String url = "https://open.tiktokapis.com/v2/user/info/?fields=open_id";
    Capture expired =
        TestCaptures.capture(
            url,
            401,
            "{\"data\":{},\"error\":{\"code\":\"access_token_invalid\",\"message\":\"m\","
                + "\"log_id\":\"x1\"}}",
            null);
    Capture ok =
        TestCaptures.capture(
            url,
            200,
            "{\"data\":{\"user\":{\"open_id\":\"o1\"}},\"error\":{\"code\":\"ok\",\"message\":\"\","
                + "\"log_id\":\"x2\"}}",
            null);

    assertThat(outcome(platform.refusal(expired))).contains(Outcome.TOKEN_INVALID);
    assertThat(
            ((ParseResult.Classified) new TiktokApiUserInfoParser().parse(expired, CONTEXT))
                .outcome())
        .isEqualTo(Outcome.TOKEN_INVALID);
    assertThat(platform.refusal(ok)).isEmpty();
  }

  private static Optional<Outcome> outcome(Optional<ParseResult.Classified> c) {
    return c.map(ParseResult.Classified::outcome);
  }
}
