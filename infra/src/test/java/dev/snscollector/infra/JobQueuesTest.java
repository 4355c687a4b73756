package dev.snscollector.infra;

import static dev.snscollector.infra.SynthesizedStack.id;
import static dev.snscollector.infra.SynthesizedStack.properties;
import static dev.snscollector.infra.SynthesizedStack.resources;
import static dev.snscollector.infra.SynthesizedStack.stack;
import static dev.snscollector.infra.SynthesizedStack.template;
import static dev.snscollector.infra.SynthesizedStack.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.sqs.Queue;

class JobQueuesTest {
  @Test
  void theJobsQueueRedrivesToItsDeadLetterQueueAfterAsManyReceivesAsTheWorkersCount() {
    int maxReceives =
        Integer.parseInt(
            RepoFiles.find("crawler-worker/worker-defaults.env", "^MAX_RECEIVES=(\\d+)$"));
    assertThat(RepoFiles.find("deploy/k8s/base/kustomization.yaml", "- MAX_RECEIVES=(\\d+)$"))
        .isEqualTo(Integer.toString(maxReceives));
    assertThat(RepoFiles.find("docker/elasticmq.conf", "maxReceiveCount = (\\d+)$"))
        .as("the compose stand-in redrives as AWS does")
        .isEqualTo(Integer.toString(maxReceives));

    Map<String, Object> jobs = properties(id(stack().queues().jobs()));
    assertThat(jobs)
        .containsEntry("QueueName", "sns-collector-jobs")
        .containsEntry(
            "RedrivePolicy",
            Map.of(
                "deadLetterTargetArn",
                Map.of("Fn::GetAtt", List.of(id(stack().queues().deadLetters()), "Arn")),
                "maxReceiveCount",
                maxReceives));
    assertThat(properties(id(stack().queues().deadLetters())))
        .containsEntry("QueueName", "sns-collector-jobs-dlq")
        .doesNotContainKey("RedrivePolicy");
  }

  @Test
  void theJobsQueueHidesAReceivedJobForTheWorkersVisibilityTimeout() {
    int visibility =
        Integer.parseInt(
            RepoFiles.find(
                "crawler-worker/worker-defaults.env", "^VISIBILITY_TIMEOUT_SECONDS=(\\d+)$"));
    assertThat(properties(id(stack().queues().jobs())))
        .containsEntry("VisibilityTimeout", visibility);
  }

  @Test
  void everyQueueIsEncryptedAtRestAndRefusesRequestsWithoutTls() {
    Map<String, Map<String, Object>> queues = resources("AWS::SQS::Queue");
    assertThat(queues).hasSize(3);
    Map<String, Map<String, Object>> policies = resources("AWS::SQS::QueuePolicy");
    for (String queue : queues.keySet()) {
      assertThat(properties(queue)).as(queue).containsEntry("SqsManagedSseEnabled", true);
      assertThat(policies.values())
          .as(queue + " has a policy denying requests without TLS")
          .anySatisfy(
              policy -> {
                Map<?, ?> p = (Map<?, ?>) policy.get("Properties");
                assertThat(((List<?>) p.get("Queues")).stream().map(SynthesizedStack::text))
                    .containsExactly("${" + queue + "}");
                assertThat((List<?>) ((Map<?, ?>) p.get("PolicyDocument")).get("Statement"))
                    .anySatisfy(
                        s -> {
                          Map<?, ?> statement = (Map<?, ?>) s;
                          assertThat(statement.get("Effect")).isEqualTo("Deny");
                          assertThat(statement.get("Condition"))
                              .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
                          assertThat(text(statement.get("Resource")))
                              .isEqualTo("${" + queue + ".Arn}");
                        });
              });
    }
  }

  @Test
  void theDeadLetterQueueKeepsAJobLongerThanTheJobsQueueDoes() {
    // A message keeps its first enqueue time when redriven: a shorter retention would drop it.
    Number jobs = (Number) properties(id(stack().queues().jobs())).get("MessageRetentionPeriod");
    Number dead =
        (Number) properties(id(stack().queues().deadLetters())).get("MessageRetentionPeriod");
    assertThat(dead.intValue()).isEqualTo(14 * 24 * 3600).isGreaterThan(jobs.intValue());
  }

  @Test
  void theQueuesAreTheOnesTheAwsOverlayPointsAt() {
    String overlay = "deploy/k8s/overlays/aws/kustomization.yaml";
    Map<String, Queue> byVariable =
        Map.of(
            "JOBS_QUEUE_URL", stack().queues().jobs(),
            "RESULTS_QUEUE_URL", stack().queues().results(),
            "DLQ_URL", stack().queues().deadLetters());
    byVariable.forEach(
        (variable, queue) ->
            assertThat(
                    RepoFiles.find(overlay, "- " + variable + "=https://sqs\\.[^/]+/\\d+/(\\S+)$"))
                .as(variable)
                .isEqualTo(properties(id(queue)).get("QueueName")));
    template().resourceCountIs("AWS::SQS::Queue", 3);
  }
}
