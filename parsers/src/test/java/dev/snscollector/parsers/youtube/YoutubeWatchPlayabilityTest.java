package dev.snscollector.parsers.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.ParseResult.Classified;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YoutubeWatchPlayabilityTest {
  private static Optional<Classified> classify(String status, String reason) {
    return YoutubeWatchPlayability.classify(
        Json.MAPPER.createObjectNode().put("status", status).put("reason", reason));
  }

  @ParameterizedTest(name = "{0} \"{1}\" is {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "LOGIN_REQUIRED | Sign in to confirm you’re not a bot | BLOCKED",
        "LOGIN_REQUIRED | Sign in to confirm you're not a bot | BLOCKED",
        "LOGIN_REQUIRED | 로그인하여 봇이 아님을 확인하세요 | BLOCKED",
        "LOGIN_REQUIRED | Sign in to confirm your age | LOGIN_WALL",
        "LOGIN_REQUIRED | Private video | PRIVATE",
        "LOGIN_REQUIRED | 비공개 동영상 | PRIVATE",
        "LOGIN_REQUIRED | This video may be inappropriate for some users. | LOGIN_WALL",
        "ERROR | Video unavailable | NOT_FOUND",
        "UNPLAYABLE | The uploader has not made this video available in your country | NOT_FOUND",
        "UNPLAYABLE | Sign in to confirm you’re not a bot | BLOCKED",
        "CONTENT_CHECK_REQUIRED | The following content may be inappropriate | BLOCKED",
      })
  void aStatusThatIsNotPlayableIsClassified(String status, String reason, Outcome expected) {
    assertThat(classify(status, reason)).map(Classified::outcome).contains(expected);
  }

  @Test
  void aBotCheckInTheErrorScreenOfAnyStatusIsBlocked() {
    var playability = Json.MAPPER.createObjectNode().put("status", "CUSTOM").put("reason", "x");
    playability
        .putObject("errorScreen")
        .putObject("playerErrorMessageRenderer")
        .putObject("reason")
        .putArray("runs")
        .addObject()
        .put("text", "Sign in to confirm you’re not a bot");

    assertThat(YoutubeWatchPlayability.classify(playability))
        .map(Classified::outcome)
        .contains(Outcome.BLOCKED);
  }

  @ParameterizedTest(name = "{0} is content")
  @CsvSource({"OK", "LIVE_STREAM_OFFLINE", "SOMETHING_NEW"})
  void playableAndUnknownStatusesAreLeftToTheSchema(String status) {
    assertThat(classify(status, "")).isEmpty();
  }
}
