package dev.snscollector.contracts;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The reasons a mapper collects while it builds one record: each value the record contract expects
 * is either read or marked unavailable with what the document said. Not thread-safe; one per
 * record.
 */
public final class Unavailability {
  private final TreeMap<String, Unavailable> reasons = new TreeMap<>();

  /** Marks {@code field} unavailable for {@code reason}. */
  public Unavailability mark(String field, Unavailable reason) {
    reasons.put(field, reason);
    return this;
  }

  /**
   * Returns {@code value}; when it is null and {@code reason} is not, marks {@code field}
   * unavailable for that reason. A null value without a reason stays a bare null, which the record
   * contract accepts only for numbers the platform never has.
   */
  public <T> @Nullable T value(String field, @Nullable T value, @Nullable Unavailable reason) {
    if (value == null && reason != null) {
      reasons.put(field, reason);
    }
    return value;
  }

  public boolean isEmpty() {
    return reasons.isEmpty();
  }

  /** The reasons so far, by field name, sorted. */
  public Map<String, Unavailable> reasons() {
    return copy(reasons);
  }

  /** An immutable, name-ordered copy; empty for null. */
  public static Map<String, Unavailable> copy(@Nullable Map<String, Unavailable> reasons) {
    if (reasons == null || reasons.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new TreeMap<>(reasons));
  }
}
