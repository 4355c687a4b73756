package dev.snscollector.launcher;

import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.ResultEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Reads result events from the results queue, as the platform would, and tallies them. A job counts
 * once however many events it got (a redelivered job may publish twice).
 */
final class ResultCollector {
  private final SqsClient sqs;
  private final String resultsQueueUrl;
  private final Map<String, ResultEvent> byJob = new HashMap<>();
  private final List<ResultEvent> anonymous = new ArrayList<>();
  private int receiveCalls;
  private int deleteCalls;
  private int duplicates;
  private int redelivered;

  ResultCollector(SqsClient sqs, String resultsQueueUrl) {
    this.sqs = sqs;
    this.resultsQueueUrl = resultsQueueUrl;
  }

  /** Receives and deletes what is there now (waiting up to {@code wait}); returns how many. */
  int poll(Duration wait) {
    receiveCalls++;
    List<Message> messages =
        sqs.receiveMessage(
                r ->
                    r.queueUrl(resultsQueueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds((int) wait.toSeconds()))
            .messages();
    if (messages.isEmpty()) {
      return 0;
    }
    List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
    for (Message m : messages) {
      ResultEvent event = Json.MAPPER.readValue(m.body(), ResultEvent.class);
      if (event.jobId() == null) {
        anonymous.add(event);
      } else if (byJob.putIfAbsent(event.jobId(), event) != null) {
        duplicates++;
      }
      if (event.attempts() > 1) {
        redelivered++;
      }
      deletes.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(deletes.size()))
              .receiptHandle(m.receiptHandle())
              .build());
    }
    deleteCalls++;
    sqs.deleteMessageBatch(r -> r.queueUrl(resultsQueueUrl).entries(deletes));
    return messages.size();
  }

  /** Receive requests this reader sent. */
  int receives() {
    return receiveCalls;
  }

  /** Delete batch requests this reader sent. */
  int deletes() {
    return deleteCalls;
  }

  /** Result events beyond the first for a job: jobs that ran more than once. */
  int duplicates() {
    return duplicates;
  }

  /** Result events of jobs on their second or later delivery. */
  int redelivered() {
    return redelivered;
  }

  int jobsDone() {
    return byJob.size() + anonymous.size();
  }

  List<ResultEvent> all() {
    List<ResultEvent> all = new ArrayList<>(byJob.values());
    all.addAll(anonymous);
    return all;
  }

  Map<Outcome, Integer> byOutcome() {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    for (ResultEvent e : all()) {
      counts.merge(e.outcome(), 1, Integer::sum);
    }
    return counts;
  }

  long records() {
    return all().stream().mapToLong(ResultEvent::recordCount).sum();
  }
}
