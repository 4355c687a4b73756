package dev.snscollector.api.results;

import dev.snscollector.api.db.Database;
import dev.snscollector.contracts.ContractSchemas;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.ResultEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

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
      ResultEvent event = decode(m);
      String outcome;
      if (event == null) {
        outcome = "unreadable"; // never readable, however often it comes back: dropped
      } else {
        try {
          outcome =
              db.transaction("apply result", c -> applier.apply(c, event, clock.instant()))
                  .name()
                  .toLowerCase(java.util.Locale.ROOT);
        } catch (RuntimeException e) {
          // The database or a bug, not the message: left for redelivery; the others go on.
          log.warn("could not apply result {} (it comes back): {}", m.messageId(), e.toString());
          registry.counter("collector_api_results", "applied", "failed").increment();
          continue;
        }
      }
      registry.counter("collector_api_results", "applied", outcome).increment();
      done.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(done.size()))
              .receiptHandle(m.receiptHandle())
              .build());
    }
    if (!done.isEmpty()) {
      sqs.deleteMessageBatch(r -> r.queueUrl(resultsQueueUrl).entries(done));
    }
    return true;
  }

  /** The event, or null (with a trace) when the body is not a result event of the contract. */
  private static @Nullable ResultEvent decode(Message m) {
    try {
      JsonNode tree = Json.MAPPER.readTree(m.body());
      List<String> violations =
          ContractSchemas.validateResult(tree).stream().map(String::valueOf).toList();
      if (!violations.isEmpty()) {
        log.warn("dropping result message {}: not a result event: {}", m.messageId(), violations);
        return null;
      }
      return Json.MAPPER.treeToValue(tree, ResultEvent.class);
    } catch (JacksonException | IllegalArgumentException e) {
      log.warn("dropping unreadable result message {}: {}", m.messageId(), e.getMessage());
      return null;
    }
  }
}
