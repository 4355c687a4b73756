package dev.snscollector.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EmbeddedSqsTest {
  private static final String JOBS = "jobs";
  private static final String DLQ = "jobs-dlq";
  private static final String RESULTS = "results";

  private static EmbeddedSqs server;
  private static SqsClient sqs;

  @BeforeAll
  static void start() {
    Duration visibility = Duration.ofSeconds(1);
    server =
        EmbeddedSqs.start(
            0,
            List.of(
                // Declared before its dead-letter queue on purpose: start() orders them.
                SqsQueueSpec.of(JOBS, visibility).withDeadLetterQueue(DLQ, 2),
                SqsQueueSpec.of(DLQ, visibility),
                SqsQueueSpec.of(RESULTS, visibility)));
    sqs = AwsClients.sqs(server.endpoint());
  }

  @AfterAll
  static void stop() {
    sqs.close();
    server.close();
  }

  @Test
  void aSentMessageIsReceivedAndGoneOnceDeleted() {
    String url = server.queueUrl(RESULTS);
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"jobId\":\"j-1\"}"));

    List<Message> received =
        sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5).maxNumberOfMessages(10))
            .messages();
    assertThat(received).singleElement().extracting(Message::body).isEqualTo("{\"jobId\":\"j-1\"}");
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(received.getFirst().receiptHandle()));

    // Past the 1 s visibility timeout a deleted message does not come back.
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages()).isEmpty();
  }

  @Test
  void aMessageReceivedMaxReceiveCountTimesWithoutDeleteLandsInTheDeadLetterQueue() {
    String jobs = server.queueUrl(JOBS);
    String dlq = server.queueUrl(DLQ);
    sqs.sendMessage(b -> b.queueUrl(jobs).messageBody("poison"));

    int[] receivesFromJobs = {0};
    Optional<Message> deadLetter =
        Eventually.poll(
            Duration.ofSeconds(20),
            () -> {
              // Receiving (and never deleting) is what counts towards maxReceiveCount.
              receivesFromJobs[0] +=
                  sqs.receiveMessage(b -> b.queueUrl(jobs).waitTimeSeconds(1)).messages().size();
              return sqs.receiveMessage(b -> b.queueUrl(dlq)).messages().stream().findFirst();
            });

    assertThat(deadLetter).get().extracting(Message::body).isEqualTo("poison");
    assertThat(receivesFromJobs[0]).isEqualTo(2);
  }

  @Test
  void longPollingReturnsAsSoonAsAMessageArrives() throws Exception {
    String url = server.queueUrl(RESULTS);
    long started = System.nanoTime();
    CompletableFuture<List<Message>> poll =
        CompletableFuture.supplyAsync(
            () -> sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages());
    // Let the receive reach the server and park before there is anything to receive.
    Thread.sleep(500);
    assertThat(poll).isNotDone();

    sqs.sendMessage(b -> b.queueUrl(url).messageBody("late"));

    List<Message> messages = poll.get(10, TimeUnit.SECONDS);
    assertThat(messages).singleElement().extracting(Message::body).isEqualTo("late");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(messages.getFirst().receiptHandle()));
  }

  @Test
  void queuesCarryTheirVisibilityTimeoutRedrivePolicyAndAnElasticmqArn() {
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                b -> b.queueUrl(server.queueUrl(JOBS)).attributeNames(QueueAttributeName.ALL))
            .attributes();

    assertThat(attributes).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "1");
    assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
        .contains(server.queueArn(DLQ))
        .containsPattern("\"maxReceiveCount\":\"?2");
    assertThat(server.queueArn(DLQ)).isEqualTo("arn:aws:sqs:elasticmq:000000000000:" + DLQ);
    assertThat(server.queueUrls()).containsOnlyKeys(JOBS, DLQ, RESULTS);
    assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void anUnknownQueueNameIsAnError() {
    assertThatThrownBy(() -> server.queueUrl("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void aDeadLetterQueueMissingFromTheSpecIsRejectedBeforeAnythingStarts() {
    assertThatThrownBy(
            () ->
                EmbeddedSqs.start(
                    0,
                    List.of(
                        SqsQueueSpec.of("a", Duration.ofSeconds(30))
                            .withDeadLetterQueue("missing", 3))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing");
  }
}
