package dev.snscollector.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Looks at what a queue holds, for tests and local runs: drains it, or counts its messages. */
public final class QueueProbe {
  private final SqsClient sqs;

  public QueueProbe(SqsClient sqs) {
    this.sqs = sqs;
  }

  /** Up to ten messages, waiting at most {@code waitSeconds}, with all their attributes. */
  public List<Message> receive(String queueUrl, int waitSeconds) {
    return sqs.receiveMessage(
            r ->
                r.queueUrl(queueUrl)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(waitSeconds)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
        .messages();
  }

  /** Receives and deletes every message until none has come for {@code quiet}. */
  public List<Message> drain(String queueUrl, Duration quiet) {
    List<Message> all = new ArrayList<>();
    long end = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < end) {
      List<Message> got = receive(queueUrl, 1);
      if (!got.isEmpty()) {
        all.addAll(got);
        got.forEach(
            m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        end = System.nanoTime() + quiet.toNanos();
      }
    }
    return all;
  }

  /** Visible plus in-flight messages. */
  public int approximateMessages(String queueUrl) {
    var attrs =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Integer.parseInt(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(
            attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }
}
