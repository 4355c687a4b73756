package dev.snscollector.api.jobs;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.ResultEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A job as the API shows it. The sealed token is never part of it.
 *
 * @param jobId the job's id
 * @param state where the job is
 * @param platform the platform
 * @param kind what is collected
 * @param target the target as submitted
 * @param accountId the creator's account whose token the job may use
 * @param options the job's options
 * @param metadata the submitter's strings, echoed
 * @param batchId the batch it was submitted in
 * @param scheduleId the schedule that fired it
 * @param replayOf the job this one runs again ({@code /collector replay})
 * @param submittedAt when the API accepted it
 * @param queuedAt when it was sent to the jobs queue
 * @param attempts deliveries to a worker, from the kept result event
 * @param outcome the outcome, once final
 * @param detail why, for anything but ok
 * @param recordCount records written
 * @param routes the route attempts of the final delivery
 * @param locations S3 URIs of the records and the captures
 * @param drift the drift report when the structure changed
 * @param workerId the worker that finished it
 * @param receivedAt when the final delivery reached the worker
 * @param finishedAt when the worker finished it
 */
public record JobView(
    String jobId,
    JobState state,
    Platform platform,
    JobKind kind,
    String target,
    @Nullable String accountId,
    JobMessage.JobOptions options,
    Map<String, String> metadata,
    @Nullable String batchId,
    @Nullable String scheduleId,
    @Nullable String replayOf,
    Instant submittedAt,
    @Nullable Instant queuedAt,
    int attempts,
    @Nullable Outcome outcome,
    @Nullable String detail,
    @Nullable Integer recordCount,
    List<ResultEvent.RouteAttempt> routes,
    ResultEvent.Locations locations,
    @Nullable JsonNode drift,
    @Nullable String workerId,
    @Nullable Instant receivedAt,
    @Nullable Instant finishedAt) {}
