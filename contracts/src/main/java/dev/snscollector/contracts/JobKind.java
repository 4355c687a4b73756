package dev.snscollector.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a job collects about its target. */
public enum JobKind {
  /** The creator's profile: counts, bio, avatar. */
  PROFILE("profile"),
  /** The creator's recent posts with their metrics. */
  POSTS("posts"),
  /** One post with its metrics. */
  POST("post"),
  /** The comments of one post. */
  COMMENTS("comments"),
  /**
   * The creator's daily account metrics and recent posts' metrics from the platform's insights or
   * analytics API, with the creator's own token: {@link MetricRecord}s.
   */
  INSIGHTS("insights");

  /**
   * The platforms with an insights API a creator's token opens: Instagram's Graph insights and
   * YouTube Analytics. TikTok's Display API and Naver Blog have none.
   */
  public static final Set<Platform> INSIGHTS_PLATFORMS =
      java.util.Collections.unmodifiableSet(EnumSet.of(Platform.INSTAGRAM, Platform.YOUTUBE));

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
