package dev.snscollector.parsers.instagram;

import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.DriftReport.PathFailure;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.parsers.TestCaptures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Instagram value contracts: a value a record is made of is there, or the document says why it
 * is not, or the parse is drift naming where it went.
 */
class InstagramValueContractTest {
  private static final ParserRegistry REGISTRY = ParserRegistry.defaults();
  private static final String USER_URL =
      "https://graph.facebook.com/v21.0/17841400000000101?fields=id,username,name,followers_count,"
          + "follows_count,media_count";
  private static final String MEDIA_LIST_URL =
      "https://graph.facebook.com/v21.0/17841400000000101/media?fields=id,timestamp,like_count,"
          + "comments_count";

  private static ParseResult parse(String pageType, String url, String body) {
    PageParser parser = REGISTRY.byId(pageType).orElseThrow();
    return parser.parse(capture(url, 200, body, pageType), TestCaptures.CONTEXT);
  }

  private static List<String> driftPaths(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    return ((ParseResult.Drifted) result)
        .report().failures().stream().map(PathFailure::path).toList();
  }

  private static <T> T only(ParseResult result, Class<T> type) {
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return type.cast(((ParseResult.Parsed) result).records().getFirst());
  }

  @Test
  void aGraphFieldTheRequestDidNotAskForIsNotRequestedAndOneItAskedForIsDriftAtItsPath() {
    String body =
        "{\"id\":\"17841400000000101\",\"username\":\"a.b\",\"name\":\"A\",\"followers_count\":5,"
            + "\"media_count\":2}";

    assertThat(driftPaths(parse(PageTypes.INSTAGRAM_GRAPH_USER, USER_URL, body)))
        .containsExactly("/follows_count");

    ProfileRecord profile =
        only(
            parse(
                PageTypes.INSTAGRAM_GRAPH_USER,
                "https://graph.facebook.com/v21.0/17841400000000101?fields=id,username,name,"
                    + "followers_count,media_count",
                body),
            ProfileRecord.class);
    assertThat(profile.following()).isNull();
    assertThat(profile.unavailable()).containsOnly(entry("following", Unavailable.NOT_REQUESTED));
  }

  @Test
  void aRenamedGraphFieldIsDriftNotANotRequestedValue() {
    String body =
        "{\"id\":\"17841400000000101\",\"username\":\"a.b\",\"name\":\"A\",\"followers_count\":5,"
            + "\"follows_count_v2\":3,\"media_count\":2}";

    List<PathFailure> failures =
        ((ParseResult.Drifted)
                parse(
                    PageTypes.INSTAGRAM_GRAPH_USER,
                    "https://graph.facebook.com/v21.0/17841400000000101",
                    body))
            .report()
            .failures();

    assertThat(failures)
        .extracting(PathFailure::path, PathFailure::keyword)
        .containsExactly(tuple("/follows_count_v2", "additionalProperties"));
  }

  @Test
  void anEmptyGraphNameIsNotSetAndAnAbsentOneNotRequested() {
    ProfileRecord empty =
        only(
            parse(
                PageTypes.INSTAGRAM_GRAPH_USER,
                "https://graph.facebook.com/v21.0/1?fields=id,name",
                "{\"id\":\"1\",\"name\":\"\"}"),
            ProfileRecord.class);
    assertThat(empty.displayName()).isNull();
    assertThat(empty.unavailable())
        .containsEntry("displayName", Unavailable.NOT_SET)
        .containsEntry("followers", Unavailable.NOT_REQUESTED);
  }

  @Test
  void aLikeCountAskedForAndAbsentFromAListIsHiddenByTheOwner() {
    String body =
        "{\"data\":[{\"id\":\"18000000000000001\",\"timestamp\":\"2026-02-20T08:00:00+0000\","
            + "\"comments_count\":5}]}";

    PostRecord hidden =
        only(parse(PageTypes.INSTAGRAM_GRAPH_MEDIA_LIST, MEDIA_LIST_URL, body), PostRecord.class);
    assertThat(hidden.likes()).isNull();
    assertThat(hidden.unavailable())
        .containsEntry("likes", Unavailable.HIDDEN_BY_CREATOR)
        .containsEntry("views", Unavailable.NOT_IN_PAGE_TYPE)
        .containsEntry("shares", Unavailable.NOT_IN_PAGE_TYPE)
        .containsEntry("saves", Unavailable.NOT_IN_PAGE_TYPE)
        .doesNotContainKey("ownerId");
    assertThat(hidden.ownerId()).isEqualTo("17841400000000101");

    PostRecord notAsked =
        only(
            parse(
                PageTypes.INSTAGRAM_GRAPH_MEDIA_LIST,
                "https://graph.facebook.com/v21.0/17841400000000101/media?fields=id,timestamp,"
                    + "comments_count",
                body),
            PostRecord.class);
    assertThat(notAsked.unavailable()).containsEntry("likes", Unavailable.NOT_REQUESTED);
  }

  @Test
  void aLikeCountAbsentWhereTheRequestIsUnknownIsDriftNamingWhereTheRequestWasLookedFor() {
    String body =
        "{\"data\":[{\"id\":\"18000000000000001\",\"timestamp\":\"2026-02-20T08:00:00+0000\","
            + "\"comments_count\":5}],\"paging\":{\"cursors\":{\"after\":\"A\"}}}";

    assertThat(driftPaths(parse(PageTypes.INSTAGRAM_GRAPH_MEDIA_LIST, "file:///saved.json", body)))
        .containsExactly("/data/0/like_count", "/paging/next", "/paging/previous");

    // The paging link repeats the request: with it, the same page is a hidden like count.
    String withNext =
        body.replace(
            "\"paging\":{",
            "\"paging\":{\"next\":\"https://graph.facebook.com/v21.0/1/media?fields=id,like_count"
                + "&after=A\",");
    assertThat(
            only(
                    parse(PageTypes.INSTAGRAM_GRAPH_MEDIA_LIST, "file:///saved.json", withNext),
                    PostRecord.class)
                .unavailable())
        .containsEntry("likes", Unavailable.HIDDEN_BY_CREATOR);
  }

  @Test
  void aMediaFetchedByItsOwnerAlwaysHasItsLikeCount() {
    String url =
        "https://graph.facebook.com/v21.0/18000000000000001?fields=id,media_type,timestamp,"
            + "like_count,comments_count";
    String body =
        "{\"id\":\"18000000000000001\",\"media_type\":\"IMAGE\","
            + "\"timestamp\":\"2026-02-20T08:00:00+0000\",\"comments_count\":5}";

    assertThat(driftPaths(parse(PageTypes.INSTAGRAM_GRAPH_MEDIA, url, body)))
        .containsExactly("/like_count");
  }

  @Test
  void graphCommentsSayWhatWasNotRequestedAndHaveNoReplyCount() {
    String body =
        "{\"data\":[{\"id\":\"17990000000000601\",\"text\":\"hi\","
            + "\"timestamp\":\"2026-02-28T01:00:00+0000\"}]}";

    CommentRecord comment =
        only(
            parse(
                PageTypes.INSTAGRAM_GRAPH_COMMENTS,
                "https://graph.facebook.com/v21.0/18034567890123401/comments",
                body),
            CommentRecord.class);
    assertThat(comment.unavailable())
        .containsEntry("authorId", Unavailable.NOT_REQUESTED)
        .containsEntry("likes", Unavailable.NOT_REQUESTED)
        .containsEntry("replyCount", Unavailable.NOT_IN_PAGE_TYPE);

    assertThat(
            driftPaths(
                parse(
                    PageTypes.INSTAGRAM_GRAPH_COMMENTS,
                    "https://graph.facebook.com/v21.0/18034567890123401/comments?fields=id,text,"
                        + "timestamp,like_count",
                    body)))
        .containsExactly("/data/0/like_count");
  }

  @Test
  void aCommentPageThatNamesNoPostIsDriftAtEveryPlaceThePostIdCouldComeFrom() {
    assertThat(
            driftPaths(
                parse(
                    PageTypes.INSTAGRAM_GRAPH_COMMENTS,
                    "file:///comments.json",
                    "{\"data\":[{\"id\":\"1\",\"text\":\"hi\"}]}")))
        .containsExactly("/data/0/media/id", "/paging/next");
  }

  @Test
  void anInsightsMetricTheRequestNamedAndDataLacksIsDrift() {
    String body =
        "{\"data\":[{\"name\":\"saved\",\"period\":\"lifetime\",\"values\":[{\"value\":3}],"
            + "\"id\":\"18000000000000001/insights/saved/lifetime\"}]}";
    String base = "https://graph.facebook.com/v21.0/18000000000000001/insights?metric=";

    assertThat(
            driftPaths(
                parse(PageTypes.INSTAGRAM_GRAPH_MEDIA_INSIGHTS, base + "saved,shares", body)))
        .containsExactly("/data");
    PostRecord post =
        only(
            parse(PageTypes.INSTAGRAM_GRAPH_MEDIA_INSIGHTS, base + "saved,reach", body),
            PostRecord.class);
    assertThat(post.saves()).isEqualTo(3L);
    assertThat(post.unavailable())
        .containsEntry("shares", Unavailable.NOT_REQUESTED)
        .containsEntry("views", Unavailable.NOT_REQUESTED)
        .containsEntry("ownerId", Unavailable.NOT_IN_PAGE_TYPE)
        .containsEntry("publishedAt", Unavailable.NOT_IN_PAGE_TYPE);
  }

  @Test
  void fieldExpansionIsReadAsATree() {
    InstagramGraphFields fields =
        InstagramGraphFields.parse(
            "business_discovery.username(a.b){id,followers_count,media.after(QV+x).limit(2)"
                + "{id,like_count,children{media_url}}},website");

    assertThat(fields.asked("business_discovery")).isTrue();
    assertThat(fields.asked("website")).isTrue();
    assertThat(fields.asked("username")).isFalse();
    InstagramGraphFields account = fields.inside("business_discovery", Set.of("id"));
    assertThat(account.asked("followers_count")).isTrue();
    assertThat(account.asked("media_count")).isFalse();
    InstagramGraphFields media = account.inside("media", Set.of("id"));
    assertThat(media.asked("like_count")).isTrue();
    assertThat(media.inside("children", Set.of("id")).asked("media_url")).isTrue();
    assertThat(media.inside("owner", Set.of("id")).known()).isFalse();
  }

  @Test
  void mediaInfoLikesAndViewsTheOwnerHidAreHiddenAndAPhotoHasNoViews() {
    String item =
        "{\"items\":[{\"pk\":1,\"code\":\"Ab\",\"taken_at\":1771574400,\"media_type\":%d,"
            + "\"product_type\":\"%s\",\"like_and_view_counts_disabled\":%s,\"like_count\":0,"
            + "%s\"user\":{\"pk\":7}}]}";
    String url = "https://i.instagram.com/api/v1/media/1/info/";

    PostRecord hiddenReel =
        only(
            parse(
                PageTypes.INSTAGRAM_WEB_MEDIA_INFO,
                url,
                TestCaptures.fill(item, 2, "clips", "true", "\"comment_count\":4,")),
            PostRecord.class);
    assertThat(hiddenReel.likes()).isNull();
    assertThat(hiddenReel.views()).isNull();
    assertThat(hiddenReel.unavailable())
        .containsEntry("likes", Unavailable.HIDDEN_BY_CREATOR)
        .containsEntry("views", Unavailable.HIDDEN_BY_CREATOR);

    PostRecord photoWithoutComments =
        only(
            parse(
                PageTypes.INSTAGRAM_WEB_MEDIA_INFO,
                url,
                TestCaptures.fill(item, 1, "feed", "false", "\"comments_disabled\":true,")),
            PostRecord.class);
    assertThat(photoWithoutComments.likes()).isZero();
    assertThat(photoWithoutComments.unavailable())
        .containsEntry("views", Unavailable.NOT_APPLICABLE)
        .containsEntry("comments", Unavailable.TURNED_OFF);

    // A reel whose counts are shown must carry its plays.
    assertThat(
            driftPaths(
                parse(
                    PageTypes.INSTAGRAM_WEB_MEDIA_INFO,
                    url,
                    TestCaptures.fill(item, 2, "clips", "false", "\"comment_count\":4,"))))
        .containsExactly("/items/0/play_count");
  }

  private static Map.Entry<String, Unavailable> entry(String key, Unavailable value) {
    return Map.entry(key, value);
  }
}
