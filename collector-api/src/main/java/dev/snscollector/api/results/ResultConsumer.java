package dev.snscollector.api.results;

import dev.snscollector.api.db.Database;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.ResultEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.core.JacksonException;

/**
 * Long-polls the results queue and applies each event in its own transaction; a message is deleted
 * only after its transaction committed, so a crash in between redelivers it, which the applier
 * treats as the duplicate it is. Every replica runs one: SQS hands each message to one of them.
 */
public final class ResultConsumer {
  private static final Logger log = LoggerFactory.getLogger(ResultConsumer.class);

  private final Database db;
  private final SqsClient sqs;
  private final String resultsQueueUrl;
  private final ResultApplier applier;
  private final Duration wait;
  private final Clock clock;
  private final MeterRegistry registry;

  public ResultConsumer(
      Database db,
      SqsClient sqs,
      String resultsQueueUrl,
      ResultApplier applier,
      Duration wait,
      Clock clock,
      MeterRegistry registry) {
    this.db = db;
    this.sqs = sqs;
    this.resultsQueueUrl = resultsQueueUrl;
    this.applier = applier;
    this.wait = wait;
    this.clock = clock;
    this.registry = registry;
  }

  /** One receive (waiting up to the long-poll time); true when messages came. */
  public boolean pollOnce() {
    List<Message> messages =
        sqs.receiveMessage(
                r ->
                    r.queueUrl(resultsQueueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds((int) wait.toSeconds()))
            .messages();
    if (messages.isEmpty()) {
      return false;
    }
    List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
    for (Message m : messages) {
      String outcome;
      try {
        ResultEvent event = Json.MAPPER.readValue(m.body(), ResultEvent.class);
        outcome =
            db.transaction("apply result", c -> applier.apply(c, event, clock.instant()))
                .name()
                .toLowerCase(java.util.Locale.ROOT);
      } catch (JacksonException | IllegalArgumentException e) {
        // Never readable, however often it comes back: dropped, with a trace.
        log.warn("dropping unreadable result message {}: {}", m.messageId(), e.getMessage());
        outcome = "unreadable";
      }
      registry.counter("collector_api_results", "applied", outcome).increment();
      done.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(done.size()))
              .receiptHandle(m.receiptHandle())
              .build());
    }
    sqs.deleteMessageBatch(r -> r.queueUrl(resultsQueueUrl).entries(done));
    return true;
  }
}
