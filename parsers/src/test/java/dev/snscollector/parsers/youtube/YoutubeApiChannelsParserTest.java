package dev.snscollector.parsers.youtube;

import static dev.snscollector.parsers.TestCaptures.CONTEXT;
import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.RecordSource;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.Unavailable;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.TestCaptures;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YoutubeApiChannelsParserTest {
  private static final String URL =
      "https://www.googleapis.com/youtube/v3/channels?part=snippet,statistics,contentDetails&id=UCzzzzzzzzzzzzzzzzzzzz01";
  private static final String STATS =
      "{\"viewCount\": \"10\", \"subscriberCount\": \"5\", \"hiddenSubscriberCount\": false, \"videoCount\": \"1\"}";
  private final YoutubeApiChannelsParser parser = new YoutubeApiChannelsParser();

  private static String channel(String statistics) {
    return TestCaptures.fill(
        """
        {
          "kind": "youtube#channelListResponse",
          "items": [{
            "kind": "youtube#channel",
            "id": "UCzzzzzzzzzzzzzzzzzzzz01",
            "snippet": {
              "title": "달빛 공방 🌙",
              "description": "손으로 만드는 작은 물건들",
              "customUrl": "@moonlight.workshop",
              "publishedAt": "2021-04-05T06:07:08Z",
              "thumbnails": {
                "default": {"url": "https://img.example/s88", "width": 88, "height": 88},
                "high": {"url": "https://img.example/s800", "width": 800, "height": 800},
                "medium": {"url": "https://img.example/s240", "width": 240, "height": 240}
              }
            },
            "contentDetails": {"relatedPlaylists": {"likes": "", "uploads": "UUzzzzzzzzzzzzzzzzzzzz01"}},
            "statistics": %s
          }]
        }
        """,
        statistics);
  }

  private ParseResult parse(String body) {
    return parser.parse(capture(URL, 200, body, null), CONTEXT);
  }

  @Test
  void aChannelBecomesOneProfileWithCountsReadFromStrings() {
    String stats =
        "{\"viewCount\": \"987654\", \"subscriberCount\": \"45600\", \"hiddenSubscriberCount\": false, \"videoCount\": \"321\"}";
    ParseResult.Parsed parsed = (ParseResult.Parsed) parse(channel(stats));

    assertThat(parsed.records())
        .containsExactly(
            new ProfileRecord(
                Platform.YOUTUBE,
                "UCzzzzzzzzzzzzzzzzzzzz01",
                "moonlight.workshop",
                "달빛 공방 🌙",
                "손으로 만드는 작은 물건들",
                "https://img.example/s800",
                45_600L,
                null,
                321L,
                null,
                987_654L,
                null,
                java.util.List.of(),
                Instant.parse("2021-04-05T06:07:08Z"),
                java.util.List.of("followers"),
                Map.of(),
                TestCaptures.FETCHED_AT,
                new RecordSource(Route.API, URL, "youtube.api.channels", 1, "job-1")));
    assertThat(TestCaptures.violations(parsed.records())).isEmpty();
  }

  @Test
  void theContinuationCarriesTheUploadsPlaylistAndTheChannelId() {
    ParseResult.Parsed parsed = (ParseResult.Parsed) parse(channel(STATS));

    assertThat(parsed.next().value("uploadsPlaylistId")).isEqualTo("UUzzzzzzzzzzzzzzzzzzzz01");
    assertThat(parsed.next().value("channelId")).isEqualTo("UCzzzzzzzzzzzzzzzzzzzz01");
    assertThat(parsed.next().nextPageToken()).isNull();
  }

  @Test
  void aHiddenSubscriberCountIsNullNotZero() {
    ParseResult.Parsed parsed =
        (ParseResult.Parsed)
            parse(
                channel(
                    "{\"viewCount\": \"10\", \"hiddenSubscriberCount\": true, \"videoCount\": \"0\"}"));
    ProfileRecord profile = (ProfileRecord) parsed.records().getFirst();

    assertThat(profile.followers()).isNull();
    assertThat(profile.unavailable())
        .containsExactly(entry("followers", Unavailable.HIDDEN_BY_CREATOR));
    assertThat(profile.approximate()).isEmpty();
    assertThat(profile.postCount()).isZero();
  }

  @Test
  void aSubscriberCountThatIsNotHiddenIsRequired() {
    ParseResult result =
        parse(
            channel(
                "{\"viewCount\": \"10\", \"hiddenSubscriberCount\": false, \"videoCount\": \"0\"}"));

    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) result).report().failures().getFirst().path())
        .isEqualTo("/items/0/statistics/subscriberCount");
  }

  @Test
  void aRenamedStatisticIsDriftNamingTheNewKey() {
    ParseResult result = parse(channel(STATS.replace("\"subscriberCount\"", "\"subscribers\"")));

    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) result).report().failures())
        .extracting(f -> f.path() + " " + f.keyword())
        .contains("/items/0/statistics/subscribers additionalProperties");
  }

  @Test
  void aChannelWithoutACustomUrlHasNoHandleSet() {
    ProfileRecord profile =
        (ProfileRecord)
            ((ParseResult.Parsed)
                    parse(channel(STATS).replace("\"customUrl\": \"@moonlight.workshop\",", "")))
                .records()
                .getFirst();

    assertThat(profile.handle()).isNull();
    assertThat(profile.unavailable()).containsExactly(entry("handle", Unavailable.NOT_SET));
  }

  @Test
  void aSmallSubscriberCountIsExact() {
    ProfileRecord small =
        (ProfileRecord)
            ((ParseResult.Parsed) parse(channel(STATS.replace("\"5\"", "\"999\""))))
                .records()
                .getFirst();

    assertThat(small.followers()).isEqualTo(999L);
    assertThat(small.approximate()).isEmpty();
  }

  @Test
  void withoutTheStatisticsPartEveryCountIsNotRequestedButARequestForItIsDrift() {
    String body = channel("{}").replace("\"statistics\": {}", "\"etag\": \"x\"");
    ProfileRecord none =
        (ProfileRecord)
            ((ParseResult.Parsed)
                    parser.parse(capture(URL.replace("statistics,", ""), 200, body, null), CONTEXT))
                .records()
                .getFirst();
    ParseResult asked = parse(body);

    assertThat(none.followers()).isNull();
    assertThat(none.totalViews()).isNull();
    assertThat(none.postCount()).isNull();
    assertThat(none.unavailable())
        .containsOnly(
            entry("followers", Unavailable.NOT_REQUESTED),
            entry("postCount", Unavailable.NOT_REQUESTED),
            entry("totalViews", Unavailable.NOT_REQUESTED));
    assertThat(asked).isInstanceOf(ParseResult.Drifted.class);
    assertThat(((ParseResult.Drifted) asked).report().failures().getFirst().path())
        .isEqualTo("/items/0/statistics");
  }

  @Test
  void aResponseWithoutItemsIsNotFoundNamingTheRequestedId() {
    ParseResult result =
        parse(
            "{\"kind\": \"youtube#channelListResponse\", \"etag\": \"e\", \"pageInfo\": {\"totalResults\": 0}}");

    assertThat(result).isInstanceOf(ParseResult.Classified.class);
    ParseResult.Classified classified = (ParseResult.Classified) result;
    assertThat(classified.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(classified.reason()).contains("UCzzzzzzzzzzzzzzzzzzzz01");
  }

  @Test
  void anHtmlPageWithStatus200IsDriftAtTheRootButWithStatus429IsRateLimited() {
    ParseResult ok = parser.parse(capture(URL, 200, "<html><body>hi</body></html>", null), CONTEXT);
    ParseResult limited = parser.parse(capture(URL, 429, "<html>slow down</html>", null), CONTEXT);

    assertThat(ok).isInstanceOf(ParseResult.Drifted.class);
    var failure = ((ParseResult.Drifted) ok).report().failures().getFirst();
    assertThat(failure.path()).isEmpty();
    assertThat(failure.found()).isEqualTo("not JSON");
    assertThat(((ParseResult.Classified) limited).outcome()).isEqualTo(Outcome.RATE_LIMITED);
  }

  @Test
  void aChannelWhoseTitleMovedIsDriftNotARecordWithoutAName() {
    ParseResult result = parse(channel(STATS).replace("\"title\"", "\"channelTitle\""));

    assertThat(result).isInstanceOf(ParseResult.Drifted.class);
    var failure = ((ParseResult.Drifted) result).report().failures().getFirst();
    assertThat(failure.path()).isEqualTo("/items/0/snippet/title");
    assertThat(failure.newKeys()).contains("channelTitle");
  }
}
