package dev.snscollector.worker.queue;

import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.ResultEvent;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Publishes result events to the results queue, batched; returns once SQS has each one. */
public final class ResultPublisher implements AutoCloseable {
  private final SqsBatcher<String> sends;

  public ResultPublisher(SqsClient sqs, String resultsQueueUrl) {
    this.sends =
        new SqsBatcher<>(
            "results", bodies -> SqsJobQueue.sendBatch(sqs, resultsQueueUrl, bodies), 50);
  }

  public void publish(ResultEvent event) {
    String body = Json.MAPPER.writeValueAsString(event);
    SqsBatcher.await(() -> sends.submit(body));
  }

  @Override
  public void close() {
    sends.close();
  }
}
