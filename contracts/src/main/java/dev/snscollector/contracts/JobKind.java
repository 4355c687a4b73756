package dev.snscollector.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What a job collects about its target. */
public enum JobKind {
  /** The creator's profile: counts, bio, avatar. */
  PROFILE("profile"),
  /** The creator's recent posts with their metrics. */
  POSTS("posts"),
  /** One post with its metrics. */
  POST("post"),
  /** The comments of one post. */
  COMMENTS("comments");

  private final String wireName;

  JobKind(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public static Optional<JobKind> fromWireName(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
  }

  @JsonCreator
  static JobKind parse(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown kind '" + name + "'"));
  }
}
