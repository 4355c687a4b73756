package dev.snscollector.api.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.snscollector.contracts.Outcome;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a job is. {@code accepted}: stored, waiting in the outbox; {@code queued}: sent to the jobs
 * queue; then one of the final states, from the worker's result event (or {@code cancelled} by the
 * platform while queued).
 */
public enum JobState {
  ACCEPTED("accepted"),
  QUEUED("queued"),
  SUCCEEDED("succeeded"),
  FAILED("failed"),
  CANCELLED("cancelled");

  private final String wireName;

  JobState(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public boolean isFinal() {
    return this != ACCEPTED && this != QUEUED;
  }

  /** The final state a worker's outcome puts a job in. */
  public static JobState of(Outcome outcome) {
    if (outcome == Outcome.CANCELLED) {
      return CANCELLED;
    }
    return outcome.succeeded() ? SUCCEEDED : FAILED;
  }

  public static Optional<JobState> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }
}
