package dev.snscollector.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The fixed taxonomy a job or a route attempt ends in. The outcome alone decides what the worker
 * does with the message; see {@link #succeeded()}.
 */
public enum Outcome {
  OK("ok"),
  NOT_FOUND("not_found"),
  PRIVATE("private"),
  STRUCTURE_CHANGED("structure_changed"),
  BLOCKED("blocked"),
  LOGIN_WALL("login_wall"),
  RATE_LIMITED("rate_limited"),
  TOKEN_INVALID("token_invalid"),
  INVALID_JOB("invalid_job"),
  INTERNAL("internal"),
  /** The platform cancelled the job before a worker ran it; the worker skipped it. */
  CANCELLED("cancelled");

  private final String wireName;

  Outcome(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /**
   * Whether the job got a definite answer from the platform: records, or the knowledge that the
   * target does not exist or is private. Everything else is a failure the platform should see.
   */
  public boolean succeeded() {
    return this == OK || this == NOT_FOUND || this == PRIVATE;
  }

  public static Optional<Outcome> fromWireName(String name) {
    return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
  }

  @JsonCreator
  static Outcome parse(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown outcome '" + name + "'"));
  }
}
