package dev.snscollector.contracts;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A job's target, understood: what kind of reference it is and its canonical value.
 *
 * @param type what the value identifies
 * @param value the handle (without {@code @}), the id, or the legacy user name
 * @param parent the owning account where the platform needs one to address a post (Naver's blogId)
 */
public record TargetRef(Type type, String value, @Nullable String parent) {
  public TargetRef {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }

  public static TargetRef of(Type type, String value) {
    return new TargetRef(type, value, null);
  }

  /** What a target value identifies. */
  public enum Type {
    /** An account by its public handle. */
    HANDLE,
    /** An account by the platform's id (YouTube UC… id, Instagram numeric id, Naver blogId). */
    ACCOUNT_ID,
    /** A YouTube account by its legacy {@code /user/} name. */
    LEGACY_USERNAME,
    /** One post by the platform's id (YouTube video id, Instagram shortcode, Naver logNo). */
    POST_ID
  }
}
