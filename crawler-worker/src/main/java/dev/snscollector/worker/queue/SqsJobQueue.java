package dev.snscollector.worker.queue;

import dev.snscollector.contracts.JobCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The jobs queue as the worker sees it: receive with long polling, delete after durable, change
 * visibility for heartbeats and retries, and hand broken messages to the dead-letter queue with
 * their reason. Deletes and sends are batched through {@link SqsBatcher}.
 */
public final class SqsJobQueue implements AutoCloseable {
  /** The longest delay SQS gives a message (15 minutes): the longest a deferral can wait. */
  public static final Duration MAX_DELAY = Duration.ofMinutes(15);

  /** Heartbeat batch calls at once. */
  public static final int PARALLEL_BATCHES = 32;

  /** Message attribute on a dead-lettered message saying why it is there. */
  public static final String REASON_ATTRIBUTE = "collector-reason";

  /** Message attribute counting how often a job was put back because no proxy was healthy. */
  public static final String DEFERRALS_ATTRIBUTE = "collector-deferrals";

  /** Message attribute naming the queue a dead-lettered message came from. */
  public static final String SOURCE_QUEUE_ATTRIBUTE = "collector-source-queue";

  private final SqsClient sqs;
  private final String jobsQueueUrl;
  private final String deadLetterQueueUrl;
  private final Clock clock;
  private final SqsBatcher<String> deletes;

  public SqsJobQueue(SqsClient sqs, String jobsQueueUrl, String deadLetterQueueUrl, Clock clock) {
    this.sqs = sqs;
    this.jobsQueueUrl = jobsQueueUrl;
    this.deadLetterQueueUrl = deadLetterQueueUrl;
    this.clock = clock;
    this.deletes = new SqsBatcher<>("delete", this::deleteBatch, 50);
  }

  /** Long-polls for up to {@code max} (1 to 10) messages. */
  public List<QueuedMessage> receive(int max, Duration wait, Duration visibility) {
    List<Message> messages =
        sqs.receiveMessage(
                r ->
                    r.queueUrl(jobsQueueUrl)
                        .maxNumberOfMessages(Math.clamp(max, 1, 10))
                        .waitTimeSeconds((int) Math.clamp(wait.toSeconds(), 0, 20))
                        .visibilityTimeout((int) visibility.toSeconds())
                        .messageAttributeNames(DEFERRALS_ATTRIBUTE, JobCodec.RESENT_ATTRIBUTE)
                        .messageSystemAttributeNames(
                            MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                            MessageSystemAttributeName.SENT_TIMESTAMP))
            .messages();
    List<QueuedMessage> out = new ArrayList<>(messages.size());
    for (Message m : messages) {
      String count =
          m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
      String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
      MessageAttributeValue deferrals = m.messageAttributes().get(DEFERRALS_ATTRIBUTE);
      MessageAttributeValue resent = m.messageAttributes().get(JobCodec.RESENT_ATTRIBUTE);
      out.add(
          new QueuedMessage(
              m.messageId(),
              m.receiptHandle(),
              m.body(),
              Integer.parseInt(count),
              clock.instant(),
              sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)),
              deferrals == null ? 0 : parseCount(deferrals.stringValue()),
              resent != null && "true".equals(resent.stringValue())));
    }
    return out;
  }

  /** Deletes a delivered message; returns once SQS confirmed it. */
  public void delete(QueuedMessage message) {
    SqsBatcher.await(() -> deletes.submit(message.receiptHandle()));
  }

  /** Hides the message for {@code delay} more, e.g. a retry with backoff, or 0 to release it. */
  public void changeVisibility(QueuedMessage message, Duration delay) {
    sqs.changeMessageVisibility(
        r ->
            r.queueUrl(jobsQueueUrl)
                .receiptHandle(message.receiptHandle())
                .visibilityTimeout((int) Math.clamp(delay.toSeconds(), 0, 43_200)));
  }

  /** Extends many messages at once (the heartbeat); returns how many SQS refused. */
  public int extendVisibility(List<QueuedMessage> messages, Duration visibility) {
    int failed = 0;
    for (int i = 0; i < messages.size(); i += 10) {
      failed += extendBatch(messages.subList(i, Math.min(i + 10, messages.size())), visibility);
    }
    return failed;
  }

  /**
   * Extends the visibility of {@code messages} with batches of ten sent in parallel on {@code
   * calls} (whose threads bound how many at once; the worker's has {@value #PARALLEL_BATCHES}):
   * 5,000 jobs in flight take 500 calls, which one after the other would outlast a heartbeat
   * period. Returns how many SQS refused.
   */
  public int extendVisibility(
      List<QueuedMessage> messages, Duration visibility, ExecutorService calls) {
    if (messages.size() <= 10) {
      return extendVisibility(messages, visibility);
    }
    List<Future<Integer>> batches = new ArrayList<>();
    for (int i = 0; i < messages.size(); i += 10) {
      List<QueuedMessage> chunk = messages.subList(i, Math.min(i + 10, messages.size()));
      batches.add(calls.submit(() -> extendBatch(chunk, visibility)));
    }
    int failed = 0;
    for (Future<Integer> f : batches) {
      try {
        failed += f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failed;
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
    }
    return failed;
  }

  private int extendBatch(List<QueuedMessage> chunk, Duration visibility) {
    List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
    for (int j = 0; j < chunk.size(); j++) {
      entries.add(
          ChangeMessageVisibilityBatchRequestEntry.builder()
              .id(Integer.toString(j))
              .receiptHandle(chunk.get(j).receiptHandle())
              .visibilityTimeout((int) visibility.toSeconds())
              .build());
    }
    return sqs.changeMessageVisibilityBatch(r -> r.queueUrl(jobsQueueUrl).entries(entries))
        .failed()
        .size();
  }

  /**
   * Moves a message that can never run to the dead-letter queue, with the reason as a message
   * attribute, then deletes it here. Returns the dead letter's message id.
   */
  public String deadLetter(QueuedMessage message, String reason) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    attributes.put(REASON_ATTRIBUTE, stringAttribute(truncate(reason, 1024)));
    attributes.put(SOURCE_QUEUE_ATTRIBUTE, stringAttribute(jobsQueueUrl));
    // SQS refuses an empty body; an empty job still deserves its place in the dead-letter queue.
    String id =
        sqs.sendMessage(
                r ->
                    r.queueUrl(deadLetterQueueUrl)
                        .messageBody(message.body().isEmpty() ? "(empty)" : message.body())
                        .messageAttributes(attributes))
            .messageId();
    delete(message);
    return id;
  }

  /**
   * Puts a job back for later without spending one of its receives: a fresh copy is sent with a
   * delay (at most SQS's 15 minutes) and a deferral count, then this delivery is deleted. Should
   * the delete fail, the job runs twice, which its S3 keys make harmless; it is never lost.
   */
  public void defer(QueuedMessage message, Duration delay) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    attributes.put(
        DEFERRALS_ATTRIBUTE,
        MessageAttributeValue.builder()
            .dataType("Number")
            .stringValue(Integer.toString(message.deferrals() + 1))
            .build());
    sqs.sendMessage(
        r ->
            r.queueUrl(jobsQueueUrl)
                .messageBody(message.body())
                .delaySeconds((int) Math.clamp(delay.toSeconds(), 0, MAX_DELAY.toSeconds()))
                .messageAttributes(attributes));
    delete(message);
  }

  private static int parseCount(@Nullable String value) {
    try {
      return value == null ? 0 : Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static MessageAttributeValue stringAttribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private List<String> deleteBatch(List<String> receipts) {
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(receipts.size());
    for (int i = 0; i < receipts.size(); i++) {
      entries.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .receiptHandle(receipts.get(i))
              .build());
    }
    var response = sqs.deleteMessageBatch(r -> r.queueUrl(jobsQueueUrl).entries(entries));
    return failuresInOrder(receipts.size(), response.failed());
  }

  static List<String> failuresInOrder(int size, List<BatchResultErrorEntry> failed) {
    List<String> out = new ArrayList<>(java.util.Collections.nCopies(size, (String) null));
    for (BatchResultErrorEntry e : failed) {
      out.set(Integer.parseInt(e.id()), e.code() + ": " + e.message());
    }
    return out;
  }

  /** Sends entries to any queue in batches; used for result events. */
  static List<String> sendBatch(SqsClient sqs, String queueUrl, List<String> bodies) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      entries.add(
          SendMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .messageBody(bodies.get(i))
              .build());
    }
    var response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
    return failuresInOrder(bodies.size(), response.failed());
  }

  @Override
  public void close() {
    deletes.close();
  }
}
