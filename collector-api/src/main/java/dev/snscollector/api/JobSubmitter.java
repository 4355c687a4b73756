package dev.snscollector.api;

import dev.snscollector.contracts.InvalidJobException;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobMessage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Validates jobs and enqueues the valid ones, ten per SQS batch call. Each job is judged on its
 * own: one bad item never keeps the others out.
 */
public final class JobSubmitter {
  private final SqsClient sqs;
  private final String jobsQueueUrl;

  public JobSubmitter(SqsClient sqs, String jobsQueueUrl) {
    this.sqs = sqs;
    this.jobsQueueUrl = jobsQueueUrl;
  }

  /**
   * What became of one submitted item.
   *
   * @param index position in the submitted list
   * @param jobId the job's id when it had one
   * @param messageId the SQS message id when enqueued
   * @param error why it was not enqueued
   */
  public record Submission(
      int index, @Nullable String jobId, @Nullable String messageId, @Nullable String error) {
    public boolean accepted() {
      return messageId != null;
    }
  }

  /** Validates and enqueues typed jobs. */
  public List<Submission> submit(List<JobMessage> jobs) {
    return submitRaw(jobs.stream().map(JobCodec::encode).toList());
  }

  /** Validates and enqueues job documents as they came (JSON text). */
  public List<Submission> submitRaw(List<String> bodies) {
    List<Submission> out = new ArrayList<>(bodies.size());
    List<Integer> pendingIndex = new ArrayList<>();
    List<String> pendingBody = new ArrayList<>();
    List<String> pendingId = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      try {
        JobMessage job = JobCodec.decode(bodies.get(i));
        pendingIndex.add(i);
        pendingBody.add(bodies.get(i));
        pendingId.add(job.jobId());
        out.add(null);
      } catch (InvalidJobException e) {
        out.add(new Submission(i, e.jobId(), null, e.getMessage()));
      }
      if (pendingBody.size() == 10) {
        flush(pendingIndex, pendingBody, pendingId, out);
      }
    }
    flush(pendingIndex, pendingBody, pendingId, out);
    return out;
  }

  private void flush(
      List<Integer> index, List<String> body, List<String> jobId, List<Submission> out) {
    if (body.isEmpty()) {
      return;
    }
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      entries.add(
          SendMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .messageBody(body.get(i))
              .build());
    }
    SendMessageBatchResponse response =
        sqs.sendMessageBatch(r -> r.queueUrl(jobsQueueUrl).entries(entries));
    response
        .successful()
        .forEach(
            ok -> {
              int i = Integer.parseInt(ok.id());
              out.set(
                  index.get(i), new Submission(index.get(i), jobId.get(i), ok.messageId(), null));
            });
    response
        .failed()
        .forEach(
            err -> {
              int i = Integer.parseInt(err.id());
              out.set(
                  index.get(i),
                  new Submission(
                      index.get(i),
                      jobId.get(i),
                      null,
                      "SQS refused: " + err.code() + " " + err.message()));
            });
    index.clear();
    body.clear();
    jobId.clear();
  }
}
