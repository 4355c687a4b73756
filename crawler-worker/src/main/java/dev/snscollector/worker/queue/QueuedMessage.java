package dev.snscollector.worker.queue;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One received SQS message.
 *
 * @param messageId SQS message id
 * @param receiptHandle handle for delete and visibility changes of this delivery
 * @param body the raw body
 * @param receiveCount how many times it has been delivered, this time included
 * @param receivedAt when this delivery arrived
 * @param sentAt when the message was first sent to the queue, for queue lag
 * @param deferrals how many times the job was put back for lack of a proxy
 * @param resent whether the API sent this job again, not knowing if its first send went out
 */
public record QueuedMessage(
    String messageId,
    String receiptHandle,
    String body,
    int receiveCount,
    Instant receivedAt,
    @Nullable Instant sentAt,
    int deferrals,
    boolean resent) {
  @Override
  public String toString() {
    return "QueuedMessage[" + messageId + ", receive " + receiveCount + "]";
  }
}
