package dev.snscollector.worker.queue;

import java.time.Instant;

/**
 * One received SQS message.
 *
 * @param messageId SQS message id
 * @param receiptHandle handle for delete and visibility changes of this delivery
 * @param body the raw body
 * @param receiveCount how many times it has been delivered, this time included
 * @param receivedAt when this delivery arrived
 */
public record QueuedMessage(
    String messageId, String receiptHandle, String body, int receiveCount, Instant receivedAt) {
  @Override
  public String toString() {
    return "QueuedMessage[" + messageId + ", receive " + receiveCount + "]";
  }
}
