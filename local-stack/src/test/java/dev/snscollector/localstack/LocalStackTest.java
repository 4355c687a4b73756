package dev.snscollector.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class LocalStackTest {

  @Test
  void theDefaultStackHasTheNamedQueuesBucketAndAWorkerEnvironment() {
    try (LocalStack stack = LocalStack.start()) {
      System.out.println(
          String.format(
              Locale.ROOT,
              "local-stack start: both %d ms, sqs %d ms, s3 %d ms%n",
              stack.startupTime().toMillis(),
              stack.sqs().startupTime().toMillis(),
              stack.s3().startupTime().toMillis()));

      assertThat(stack.jobsQueueUrl()).endsWith("/sns-collector-jobs");
      assertThat(stack.resultsQueueUrl()).endsWith("/sns-collector-results");
      assertThat(stack.deadLetterQueueUrl()).endsWith("/sns-collector-jobs-dlq");
      assertThat(stack.deadLetterQueueArn())
          .isEqualTo("arn:aws:sqs:elasticmq:000000000000:sns-collector-jobs-dlq");

      Map<String, String> env = stack.environment();
      assertThat(env)
          .containsExactly(
              Map.entry("SQS_ENDPOINT", stack.sqsEndpoint().toString()),
              Map.entry("S3_ENDPOINT", stack.s3Endpoint().toString()),
              Map.entry("AWS_REGION", "us-east-1"),
              Map.entry("AWS_ACCESS_KEY_ID", LocalCredentials.DUMMY.accessKeyId()),
              Map.entry("AWS_SECRET_ACCESS_KEY", LocalCredentials.DUMMY.secretAccessKey()),
              Map.entry("JOBS_QUEUE_URL", stack.jobsQueueUrl()),
              Map.entry("RESULTS_QUEUE_URL", stack.resultsQueueUrl()),
              Map.entry("DLQ_URL", stack.deadLetterQueueUrl()),
              Map.entry("BUCKET", "sns-collector"));

      try (SqsClient sqs = AwsClients.sqs(stack.sqsEndpoint());
          S3Client s3 = AwsClients.s3(stack.s3Endpoint())) {
        Map<QueueAttributeName, String> jobs =
            sqs.getQueueAttributes(
                    b -> b.queueUrl(stack.jobsQueueUrl()).attributeNames(QueueAttributeName.ALL))
                .attributes();
        assertThat(jobs).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "30");
        assertThat(jobs.get(QueueAttributeName.REDRIVE_POLICY))
            .contains(stack.deadLetterQueueArn())
            .containsPattern("\"maxReceiveCount\":\"?5");

        s3.putObject(b -> b.bucket(stack.bucket()).key("hello"), RequestBody.fromString("hi"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(stack.bucket()).key("hello")).asUtf8String())
            .isEqualTo("hi");
      }
    }
  }

  @Test
  void closingTheStackLeavesNoNonDaemonThreadsBehind() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    LocalStack stack = LocalStack.start(LocalStack.Config.defaults().withBucket("threads"));
    try (SqsClient sqs = AwsClients.sqs(stack.sqsEndpoint());
        S3Client s3 = AwsClients.s3(stack.s3Endpoint())) {
      sqs.sendMessage(b -> b.queueUrl(stack.jobsQueueUrl()).messageBody("x"));
      s3.putObject(b -> b.bucket("threads").key("x"), RequestBody.fromString("x"));
    }
    stack.close();
    stack.close(); // idempotent

    Optional<Set<String>> leftovers =
        Eventually.poll(
            Duration.ofSeconds(10),
            () -> {
              Set<String> alive = newNonDaemonThreads(before);
              return alive.isEmpty() ? Optional.of(alive) : Optional.empty();
            });
    assertThat(leftovers)
        .as("non-daemon threads still alive: %s", newNonDaemonThreads(before))
        .isPresent();
  }

  @Test
  void twoStacksRunSideBySideInOneJvm() {
    try (LocalStack a = LocalStack.start();
        LocalStack b = LocalStack.start(LocalStack.Config.defaults().withMaxReceiveCount(2))) {
      assertThat(a.sqsEndpoint()).isNotEqualTo(b.sqsEndpoint());
      assertThat(a.s3Endpoint()).isNotEqualTo(b.s3Endpoint());
      assertThat(a.jobsQueueUrl()).isNotEqualTo(b.jobsQueueUrl());
    }
  }

  private static Set<String> newNonDaemonThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon() && !before.contains(t))
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }

  @Test
  void aTakenPortFailsTheStartWithTheComponentNamedAndLeavesTheOtherServerStopped() {
    try (LocalStack first = LocalStack.start()) {
      int takenSqsPort = first.sqsEndpoint().getPort();
      Set<Thread> before = Thread.getAllStackTraces().keySet();

      assertThatThrownBy(
              () -> LocalStack.start(LocalStack.Config.defaults().withPorts(takenSqsPort, 0)))
          .isInstanceOfSatisfying(
              LocalStackException.class, e -> assertThat(e.component()).isEqualTo("sqs"));
      assertThatThrownBy(
              () ->
                  EmbeddedS3.start(
                      first.s3Endpoint().getPort(), null, java.util.List.of("other-bucket")))
          .isInstanceOfSatisfying(
              LocalStackException.class, e -> assertThat(e.component()).isEqualTo("s3"));

      assertThat(
              Eventually.poll(
                  Duration.ofSeconds(10),
                  () ->
                      newNonDaemonThreads(before).isEmpty() ? Optional.of(true) : Optional.empty()))
          .as("threads left by the failed starts: %s", newNonDaemonThreads(before))
          .isPresent();
    }
  }
}
