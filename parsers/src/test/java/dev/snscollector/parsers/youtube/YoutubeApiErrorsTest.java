package dev.snscollector.parsers.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.parsers.ParseResult.Classified;
import dev.snscollector.parsers.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class YoutubeApiErrorsTest {
  private static JsonNode error(int code, String reason) {
    return Json.MAPPER.readTree(
        TestCaptures.fill(
            """
        {"error": {"code": %d, "message": "m", "errors": [{"message": "m", "domain": "d", "reason": "%s"}]}}""",
            code, reason));
  }

  @ParameterizedTest(name = "{0} {1} is {2}")
  @CsvSource({
    "403, quotaExceeded, RATE_LIMITED",
    "403, rateLimitExceeded, RATE_LIMITED",
    "403, userRateLimitExceeded, RATE_LIMITED",
    "403, dailyLimitExceeded, RATE_LIMITED",
    "400, keyInvalid, TOKEN_INVALID",
    "400, keyExpired, TOKEN_INVALID",
    "401, authError, TOKEN_INVALID",
    "401, invalidCredentials, TOKEN_INVALID",
    "401, required, TOKEN_INVALID",
    "404, channelNotFound, NOT_FOUND",
    "404, videoNotFound, NOT_FOUND",
    "404, playlistNotFound, NOT_FOUND",
    "404, notFound, NOT_FOUND",
    "403, forbidden, BLOCKED",
    "403, insufficientPermissions, BLOCKED",
    "403, accessNotConfigured, BLOCKED",
    "400, invalidParameter, BLOCKED",
    "429, somethingNew, RATE_LIMITED",
  })
  void eachReasonMapsToItsOutcomeAndTheDetailNamesTheReason(
      int code, String reason, Outcome outcome) {
    Classified classified = YoutubeApiErrors.classify(code, error(code, reason)).orElseThrow();

    assertThat(classified.outcome()).isEqualTo(outcome);
    assertThat(classified.reason()).contains(reason).contains(String.valueOf(code));
  }

  @Test
  void googlesNewerShapeIsReadFromItsDetails() {
    JsonNode doc =
        Json.MAPPER.readTree(
            """
            {"error": {"code": 400, "message": "API key not valid.", "status": "INVALID_ARGUMENT",
              "errors": [{"message": "API key not valid.", "domain": "global", "reason": "badRequest"}],
              "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID"}]}}""");

    assertThat(YoutubeApiErrors.classify(400, doc).orElseThrow().outcome())
        .isEqualTo(Outcome.TOKEN_INVALID);
  }

  @Test
  void serverErrorsAreRetryableAndNeverAVerdictAboutTheTarget() {
    assertThat(YoutubeApiErrors.isRetryableServerError(503)).isTrue();
    assertThat(YoutubeApiErrors.isRetryableServerError(500)).isTrue();
    assertThat(YoutubeApiErrors.isRetryableServerError(429)).isFalse();
    assertThat(YoutubeApiErrors.isRetryableServerError(404)).isFalse();
    assertThat(YoutubeApiErrors.classify(503, error(503, "backendError")).orElseThrow().outcome())
        .isEqualTo(Outcome.INTERNAL);
  }

  @Test
  void aContentDocumentWithStatus200IsNotAnError() {
    JsonNode doc = Json.MAPPER.readTree("{\"kind\": \"youtube#videoListResponse\", \"items\": []}");

    assertThat(YoutubeApiErrors.classify(200, doc)).isEmpty();
    assertThat(YoutubeApiErrors.classify(401, doc).orElseThrow().outcome())
        .isEqualTo(Outcome.TOKEN_INVALID);
  }
}
