package dev.snscollector.contracts;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** A job message that cannot be run. Carries every violation found, each naming its field. */
public final class InvalidJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;
  private final @Nullable String jobId;

  public InvalidJobException(@Nullable String jobId, List<Violation> violations) {
    super(
        "invalid job"
            + (jobId == null ? "" : " " + Printable.escape(jobId))
            + ": "
            + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.jobId = jobId;
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  /** The job id when the message had a readable one, so the result event can name the job. */
  public @Nullable String jobId() {
    return jobId;
  }
}
