package dev.snscollector.parsers.tiktok;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.Unavailable;
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
            "{\"videos\":[{\"id\":\"7000000000000000010\",\"title\":\"\"}],"
                + "\"cursor\":1700000000000,\"has_more\":true}");
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
    assertThat(onlyId.unavailable())
        .containsEntry("title", Unavailable.NOT_SET)
        .containsEntry("views", Unavailable.NOT_REQUESTED)
        .containsEntry("publishedAt", Unavailable.NOT_REQUESTED)
        .containsEntry("saves", Unavailable.NOT_IN_PAGE_TYPE)
        .containsEntry("ownerId", Unavailable.NOT_IN_PAGE_TYPE);
    assertThat(end.next().nextPageToken()).isNull();
    assertThat(end.records()).isEmpty();
  }

  @Test
  void aRequestedFieldTheAnswerLacksIsDriftAtItsPathAndAnUnrequestedOneIsNotRequested() {
    String url =
        "https://open.tiktokapis.com/v2/user/info/?fields=open_id,display_name,follower_count";
    String lacking = page("{\"user\":{\"open_id\":\"o1\",\"display_name\":\"달빛\"}}");
    String complete =
        page("{\"user\":{\"open_id\":\"o1\",\"display_name\":\"달빛\",\"follower_count\":7}}");
    TiktokApiUserInfoParser parser = new TiktokApiUserInfoParser();

    ParseResult drift = parser.parse(capture(url, 200, lacking, null), CONTEXT);
    ProfileRecord p =
        (ProfileRecord)
            ((ParseResult.Parsed) parser.parse(capture(url, 200, complete, null), CONTEXT))
                .records()
                .getFirst();

    assertThat(((ParseResult.Drifted) drift).report().failures())
        .extracting(f -> f.path())
        .containsExactly("/data/user/follower_count");
    assertThat(p.followers()).isEqualTo(7L);
    assertThat(p.unavailable())
        .containsOnlyKeys("handle", "following", "postCount", "totalLikes")
        .containsValue(Unavailable.NOT_REQUESTED);
  }

  @Test
  void aRenamedFieldIsDriftEvenWhenTheRequestIsUnknown() {
    String noFields = "https://open.tiktokapis.com/v2/user/info/";
    String renamed = page("{\"user\":{\"open_id\":\"o1\",\"followers_count\":7}}");
    String absent = page("{\"user\":{\"open_id\":\"o1\"}}");
    TiktokApiUserInfoParser parser = new TiktokApiUserInfoParser();

    ParseResult drift = parser.parse(capture(noFields, 200, renamed, null), CONTEXT);
    ProfileRecord p =
        (ProfileRecord)
            ((ParseResult.Parsed) parser.parse(capture(noFields, 200, absent, null), CONTEXT))
                .records()
                .getFirst();

    assertThat(((ParseResult.Drifted) drift).report().failures())
        .extracting(f -> f.path())
        .containsExactly("/data/user/followers_count");
    assertThat(p.unavailable()).containsEntry("followers", Unavailable.NOT_REQUESTED);
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
