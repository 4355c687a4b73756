package dev.snscollector.parsers.tiktok;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.TestCaptures;
import org.junit.jupiter.api.Test;

class TiktokApiParsersTest {
  private static final String LIST = "https://open.tiktokapis.com/v2/video/list/?fields=id,title";
  private static final String QUERY = "https://open.tiktokapis.com/v2/video/query/?fields=id,title";
  private final TiktokParsers platform = new TiktokParsers();

  private static String page(String data) {
    return "{\"data\":" + data + ",\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"x1\"}}";
  }

  private static String error(String code) {
    return "{\"data\":{},\"error\":{\"code\":\""
        + code
        + "\",\"message\":\"m\",\"log_id\":\"x2\"}}";
  }

  @Test
  void theCursorIsTheNextPageTokenOnlyWhileHasMoreIsTrue() {
    String more =
        page(
            "{\"videos\":[{\"id\":\"7000000000000000010\"}],\"cursor\":1700000000000,\"has_more\":true}");
    String last = page("{\"videos\":[],\"cursor\":1600000000000,\"has_more\":false}");
    TiktokApiVideoListParser parser = new TiktokApiVideoListParser();

    ParseResult.Parsed first =
        (ParseResult.Parsed) parser.parse(capture(LIST, 200, more, null), CONTEXT);
    ParseResult.Parsed end =
        (ParseResult.Parsed) parser.parse(capture(LIST, 200, last, null), CONTEXT);

    assertThat(first.next().nextPageToken()).isEqualTo("1700000000000");
    assertThat(first.next().ids()).containsExactly("7000000000000000010");
    PostRecord onlyId = (PostRecord) first.records().getFirst();
    assertThat(onlyId.views()).isNull();
    assertThat(onlyId.media()).isEmpty();
    assertThat(end.next().nextPageToken()).isNull();
    assertThat(end.records()).isEmpty();
  }

  @Test
  void errorCodesDecideTheOutcomeAndInternalErrorsAreTransient() {
    TiktokApiUserInfoParser parser = new TiktokApiUserInfoParser();
    String url = "https://open.tiktokapis.com/v2/user/info/?fields=open_id";

    assertThat(
            outcome(parser.parse(capture(url, 401, error("access_token_invalid"), null), CONTEXT)))
        .isEqualTo(Outcome.TOKEN_INVALID);
    assertThat(
            outcome(parser.parse(capture(url, 429, error("rate_limit_exceeded"), null), CONTEXT)))
        .isEqualTo(Outcome.RATE_LIMITED);
    assertThat(outcome(parser.parse(capture(url, 400, error("invalid_params"), null), CONTEXT)))
        .isEqualTo(Outcome.BLOCKED);
    assertThat(outcome(parser.parse(capture(url, 500, error("internal_error"), null), CONTEXT)))
        .isEqualTo(Outcome.INTERNAL);
    assertThat(outcome(parser.parse(capture(url, 401, "<html>Unauthorized</html>", null), CONTEXT)))
        .isEqualTo(Outcome.TOKEN_INVALID);
    assertThat(
            ((ParseResult.Classified)
                    parser.parse(capture(url, 400, error("invalid_params"), null), CONTEXT))
                .reason())
        .contains("invalid_params");
  }

  @Test
  void aVideoListIsToldFromAQueryByHasMoreOrByThePathAndErrorsByNeither() {
    String noHasMore = page("{\"videos\":[{\"id\":\"7000000000000000010\"}]}");

    assertThat(platform.recognize(capture(QUERY, 200, noHasMore, null)))
        .contains(TiktokApiVideoQueryParser.PAGE_TYPE_ID);
    assertThat(platform.recognize(capture(LIST, 200, noHasMore, null)))
        .contains(TiktokApiVideoListParser.PAGE_TYPE_ID);
    assertThat(platform.recognize(capture(QUERY, 401, error("access_token_invalid"), null)))
        .isEmpty();
  }

  @Test
  void aVideoIdThatIsNotNumericIsDriftNotARecord() {
    String body = page("{\"videos\":[{\"id\":\"v-1\"}]}");

    ParseResult result =
        new TiktokApiVideoQueryParser().parse(capture(QUERY, 200, body, null), CONTEXT);

    assertThat(((ParseResult.Drifted) result).report().failures())
        .anySatisfy(f -> assertThat(f.path()).isEqualTo("/data/videos/0/id"));
    assertThat(TestCaptures.FETCHED_AT).isNotNull();
  }

  private static Outcome outcome(ParseResult result) {
    return ((ParseResult.Classified) result).outcome();
  }
}
