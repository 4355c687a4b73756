package dev.snscollector.api.ops;

import dev.snscollector.contracts.Json;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Moves the jobs queue's dead-letter messages back to it ({@code /collector redrive}) with SQS's
 * own message move task ({@code StartMessageMoveTask}), the API behind the console's "Start DLQ
 * redrive". The dead-letter queue is the one the jobs queue's redrive policy names, so there is
 * nothing more to configure.
 */
public final class DeadLetterRedrive {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);

  /** The queues a redrive moves between. */
  public record Queues(String deadLetterArn, String deadLetterUrl, String jobsArn) {
    /** The dead-letter queue's name, the last part of its ARN. */
    public String deadLetterName() {
      return deadLetterArn.substring(deadLetterArn.lastIndexOf(':') + 1);
    }
  }

  /** A finished (or given up) move: its status and how many messages moved. */
  public record Moved(String status, long moved, long toMove, @Nullable String failure) {}

  private final SqsClient sqs;
  private final String jobsQueueUrl;
  private volatile @Nullable Queues queues;

  public DeadLetterRedrive(SqsClient sqs, String jobsQueueUrl) {
    this.sqs = sqs;
    this.jobsQueueUrl = jobsQueueUrl;
  }

  /**
   * The jobs queue's dead-letter queue, from its redrive policy: looked up once (two SQS calls),
   * then kept, since the queues do not move while the service runs.
   *
   * @throws IllegalStateException when the jobs queue has no redrive policy
   */
  public Queues queues() {
    Queues known = queues;
    if (known == null) {
      known = lookUp();
      queues = known;
    }
    return known;
  }

  private Queues lookUp() {
    var attributes =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(jobsQueueUrl)
                        .attributeNames(
                            QueueAttributeName.QUEUE_ARN, QueueAttributeName.REDRIVE_POLICY))
            .attributes();
    String policy = attributes.get(QueueAttributeName.REDRIVE_POLICY);
    if (policy == null || policy.isBlank()) {
      throw new IllegalStateException("the jobs queue has no redrive policy: no dead-letter queue");
    }
    String dlqArn = Json.MAPPER.readTree(policy).path("deadLetterTargetArn").asString("");
    if (dlqArn.isEmpty()) {
      throw new IllegalStateException("the jobs queue's redrive policy names no dead-letter queue");
    }
    String[] arn = dlqArn.split(":");
    String url =
        sqs.getQueueUrl(r -> r.queueName(arn[arn.length - 1]).queueOwnerAWSAccountId(arn[4]))
            .queueUrl();
    String jobsArn = attributes.get(QueueAttributeName.QUEUE_ARN);
    if (jobsArn == null) {
      throw new IllegalStateException("SQS did not give the jobs queue's ARN");
    }
    return new Queues(dlqArn, url, jobsArn);
  }

  /** Messages waiting in the dead-letter queue (SQS's approximate count). */
  public long waiting(Queues queues) {
    String n =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(queues.deadLetterUrl())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
            .attributes()
            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    return n == null ? 0 : Long.parseLong(n);
  }

  /** A move task still running from the dead-letter queue, if any. */
  public Optional<ListMessageMoveTasksResultEntry> running(Queues queues) {
    return tasks(queues).stream().filter(t -> "RUNNING".equals(t.status())).findFirst();
  }

  /**
   * Starts moving every message of the dead-letter queue back to the jobs queue.
   *
   * @return the task's handle
   */
  public String start(Queues queues) {
    return sqs.startMessageMoveTask(
            r -> r.sourceArn(queues.deadLetterArn()).destinationArn(queues.jobsArn()))
        .taskHandle();
  }

  /**
   * Waits for the newest move task from the dead-letter queue that started at or after {@code
   * startedFrom} (the one {@link #start} began: a redrive is started only when none runs) to end,
   * up to {@code limit}, and tells how it ended. SQS lists a task's handle only while it runs, so
   * the task is found by its start time; an earlier task is never taken for it.
   *
   * @param startedFrom epoch milliseconds taken just before {@link #start}, less a little for the
   *     clocks' skew
   * @throws InterruptedException when interrupted while waiting
   */
  public Moved await(Queues queues, long startedFrom, Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    ListMessageMoveTasksResultEntry newest = null;
    while (true) {
      try {
        newest =
            tasks(queues).stream()
                .filter(t -> orZero(t.startedTimestamp()) >= startedFrom)
                .max(Comparator.comparing(t -> orZero(t.startedTimestamp())))
                .orElse(null);
      } catch (RuntimeException e) {
        log.warn("could not read the dead-letter redrive's progress: {}", e.toString());
      }
      if ((newest != null && !"RUNNING".equals(newest.status())) || System.nanoTime() > end) {
        break;
      }
      Thread.sleep(500);
    }
    if (newest == null) {
      return new Moved("UNKNOWN", 0, 0, "SQS did not list the move task");
    }
    return new Moved(
        newest.status(),
        orZero(newest.approximateNumberOfMessagesMoved()),
        orZero(newest.approximateNumberOfMessagesToMove()),
        newest.failureReason());
  }

  private List<ListMessageMoveTasksResultEntry> tasks(Queues queues) {
    return sqs.listMessageMoveTasks(r -> r.sourceArn(queues.deadLetterArn()).maxResults(10))
        .results();
  }

  private static long orZero(@Nullable Long n) {
    return n == null ? 0 : n;
  }
}
