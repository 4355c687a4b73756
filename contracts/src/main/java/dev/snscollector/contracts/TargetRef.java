package dev.snscollector.contracts;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A job's target, understood: what kind of reference it is and its canonical value. The worker puts
 * the value (and the parent) into platform URLs, so neither may be empty, hold a control character,
 * be only dots or hold a {@code /} or a backslash ({@link Targets} says so first, with the target).
 *
 * @param type what the value identifies
 * @param value the handle (without {@code @}), the id, or the legacy user name
 * @param parent the owning account where the platform needs one to address a post (Naver's blogId)
 */
public record TargetRef(Type type, String value, @Nullable String parent) {
  public TargetRef {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    check("value", value);
    if (parent != null) {
      check("parent", parent);
    }
  }

  public static TargetRef of(Type type, String value) {
    return new TargetRef(type, value, null);
  }

  /**
   * What makes {@code name} unfit to be a target's value or one segment of its URL's path, or null
   * when nothing does: a control character, only dots (the path's {@code .} and {@code ..}, and no
   * platform's name), a {@code /} or a backslash.
   */
  static @Nullable String fault(String name) {
    int control = Printable.firstControl(name);
    if (control >= 0) {
      return "has a control character (" + Printable.codePoint(name.charAt(control)) + ")";
    }
    if (onlyDots(name)) {
      return "is only dots";
    }
    int slash = Math.max(name.indexOf('/'), name.indexOf('\\'));
    return slash >= 0 ? "has a '" + name.charAt(slash) + "'" : null;
  }

  /** Whether {@code name} is {@code .}, {@code ..} or more dots and nothing else. */
  static boolean onlyDots(String name) {
    return !name.isEmpty() && name.chars().allMatch(c -> c == '.');
  }

  private static void check(String field, String name) {
    @Nullable String fault = name.isEmpty() ? "is empty" : fault(name);
    if (fault != null) {
      throw new IllegalArgumentException(
          "target " + field + " '" + Printable.escape(name) + "' " + fault);
    }
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
