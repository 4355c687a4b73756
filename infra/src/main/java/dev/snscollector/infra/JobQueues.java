package dev.snscollector.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The jobs queue, its dead-letter queue and the results queue, named as deploy/k8s and
 * docker/elasticmq.conf name them. The jobs queue hands a job to the dead-letter queue after {@link
 * CollectorSettings#maxReceiveCount()} receives, the workers' {@code MAX_RECEIVES}: the worker
 * counts receives to tell its last attempt, so the two must agree.
 *
 * <p>Encryption is SQS-managed (SSE-SQS): at rest with keys SQS holds, so neither the workers nor
 * the API need KMS permissions to send or receive. Every queue refuses requests without TLS.
 */
public final class JobQueues extends Construct {
  /** How long a job waits on the queue; the dead-letter queue keeps its messages longer. */
  static final Duration JOB_RETENTION = Duration.days(4);

  static final Duration DEAD_LETTER_RETENTION = Duration.days(14);

  private final Queue jobs;
  private final Queue deadLetters;
  private final Queue results;

  public JobQueues(Construct scope, String id, CollectorSettings settings) {
    super(scope, id);
    Duration visibility = Duration.seconds(settings.visibilityTimeoutSeconds());
    String prefix = settings.namePrefix();
    deadLetters =
        queue("JobsDeadLetters", prefix + "-jobs-dlq", visibility)
            .retentionPeriod(DEAD_LETTER_RETENTION)
            .build();
    jobs =
        queue("Jobs", prefix + "-jobs", visibility)
            .retentionPeriod(JOB_RETENTION)
            .deadLetterQueue(
                DeadLetterQueue.builder()
                    .queue(deadLetters)
                    .maxReceiveCount(settings.maxReceiveCount())
                    .build())
            .build();
    results = queue("Results", prefix + "-results", visibility).build();
  }

  /** What every queue has: its name, SSE-SQS, TLS only, the visibility; kept past the stack. */
  private Queue.Builder queue(String id, String name, Duration visibility) {
    return Queue.Builder.create(this, id)
        .queueName(name)
        .encryption(QueueEncryption.SQS_MANAGED)
        .enforceSsl(true)
        .visibilityTimeout(visibility)
        .removalPolicy(RemovalPolicy.RETAIN);
  }

  public Queue jobs() {
    return jobs;
  }

  public Queue deadLetters() {
    return deadLetters;
  }

  public Queue results() {
    return results;
  }
}
