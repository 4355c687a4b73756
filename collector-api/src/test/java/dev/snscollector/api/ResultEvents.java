package dev.snscollector.api;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.contracts.Route;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Result events as a worker publishes them, for tests that play the worker's part. */
final class ResultEvents {
  private ResultEvents() {}

  static ResultEvent event(
      String jobId,
      Platform platform,
      Outcome outcome,
      int attempts,
      Instant finishedAt,
      List<ResultEvent.RouteAttempt> routes,
      ResultEvent.Locations locations,
      int records) {
    return new ResultEvent(
        ResultEvent.SCHEMA_VERSION,
        jobId,
        "m-" + jobId + "-" + attempts,
        platform,
        JobKind.PROFILE,
        ResultEvent.Status.of(outcome),
        outcome,
        outcome == Outcome.OK ? null : "because " + outcome.wireName(),
        routes,
        records,
        locations,
        null,
        new ResultEvent.Timings(finishedAt.minusMillis(120), finishedAt, 80, 20),
        attempts,
        "worker-test",
        Map.of());
  }

  static ResultEvent simple(String jobId, Outcome outcome, int attempts, Instant finishedAt) {
    return event(
        jobId,
        Platform.YOUTUBE,
        outcome,
        attempts,
        finishedAt,
        List.of(new ResultEvent.RouteAttempt(Route.API, outcome, null, 1, 100, null)),
        ResultEvent.Locations.NONE,
        0);
  }

  static void publish(ApiTestStack stack, ResultEvent e) {
    stack.sqs.sendMessage(
        r ->
            r.queueUrl(stack.local.resultsQueueUrl())
                .messageBody(Json.MAPPER.writeValueAsString(e)));
  }
}
