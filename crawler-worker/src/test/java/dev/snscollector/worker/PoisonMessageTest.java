package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import dev.snscollector.fixtures.FixtureTargets;
import dev.snscollector.worker.queue.SqsJobQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Messages that can never run go to the dead-letter queue with their reason; the rest run. */
class PoisonMessageTest {

  @Test
  void eachPoisonMessageLandsInTheDeadLetterQueueWithItsReasonAndGoodJobsStillRun() {
    try (WorkerTestStack stack = WorkerTestStack.start(Duration.ofSeconds(30), 5, b -> {})) {
      stack.startWorker(stack.workerEnvironment());
      String channel = FixtureTargets.youtubeChannels(WorkerTestStack.fixturesDir()).getFirst();
      Map<String, String> poison =
          Map.of(
              "not json", "this is not a job {",
              "wrong schema",
                  "{\"schemaVersion\":1,\"jobId\":\"p-schema\",\"platform\":\"youtube\",\"kind\":\"profile\"}",
              "unknown platform",
                  "{\"schemaVersion\":1,\"jobId\":\"p-platform\",\"platform\":\"myspace\",\"kind\":\"profile\",\"target\":\"@x\"}",
              "huge body",
                  "{\"schemaVersion\":1,\"jobId\":\"p-huge\",\"pad\":\""
                      + "x".repeat(100_000)
                      + "\"}");
      stack.send(
          JobCodec.encode(JobMessage.of("good-1", Platform.YOUTUBE, JobKind.PROFILE, channel)));
      poison.values().forEach(stack::send);
      stack.send(
          JobCodec.encode(JobMessage.of("good-2", Platform.YOUTUBE, JobKind.PROFILE, channel)));

      List<ResultEvent> events = stack.awaitResults(6, Duration.ofSeconds(60));
      List<Message> dead = stack.drain(stack.local.deadLetterQueueUrl(), Duration.ofSeconds(3));

      assertThat(events).hasSize(6);
      assertThat(events.stream().filter(e -> e.outcome() == Outcome.OK).map(ResultEvent::jobId))
          .containsExactlyInAnyOrder("good-1", "good-2");
      List<ResultEvent> rejected =
          events.stream().filter(e -> e.outcome() == Outcome.INVALID_JOB).toList();
      assertThat(rejected).hasSize(4).allSatisfy(e -> assertThat(e.detail()).isNotBlank());
      assertThat(rejected)
          .extracting(ResultEvent::detail)
          .anySatisfy(d -> assertThat(d).contains("not valid JSON"));
      assertThat(rejected)
          .extracting(ResultEvent::detail)
          .anySatisfy(d -> assertThat(d).contains("/target"));
      assertThat(rejected)
          .extracting(ResultEvent::detail)
          .anySatisfy(d -> assertThat(d).contains("/platform"));
      assertThat(rejected)
          .extracting(ResultEvent::detail)
          .anySatisfy(d -> assertThat(d).contains("a job is at most"));

      assertThat(dead).hasSize(4);
      Map<String, String> reasonByBody =
          dead.stream()
              .collect(
                  Collectors.toMap(
                      Message::body,
                      m -> m.messageAttributes().get(SqsJobQueue.REASON_ATTRIBUTE).stringValue()));
      assertThat(reasonByBody).containsOnlyKeys(poison.values());
      assertThat(reasonByBody.get(poison.get("not json"))).contains("not valid JSON");
      assertThat(reasonByBody.get(poison.get("unknown platform"))).contains("/platform");
      assertThat(stack.settledCount(stack.local.jobsQueueUrl())).isZero();
    }
  }
}
