package dev.snscollector.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** A platform the collector knows. The wire name is the one used in jobs, records and S3 keys. */
public enum Platform {
  INSTAGRAM("instagram"),
  YOUTUBE("youtube"),
  TIKTOK("tiktok"),
  NAVER_BLOG("naver_blog");

  private final String wireName;

  Platform(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public static Optional<Platform> fromWireName(String name) {
    return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
  }

  @JsonCreator
  static Platform parse(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown platform '" + name + "'"));
  }
}
