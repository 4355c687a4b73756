package dev.snscollector.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The values a record is made of and, per platform, which of them the platform never has. Loaded
 * from {@value #RESOURCE}; see that file for the table.
 *
 * <p>{@link #check} is the run-time gate every parsed record passes: a value the contract expects
 * is either non-null or named in {@link NormalizedRecord#unavailable()} with a reason; a value the
 * platform never has is null and unnamed; {@code unavailable} names nothing else and only null
 * values. A record that fails is drift, never an {@code ok} record. Immutable and thread-safe.
 */
public final class RecordContract {
  public static final String RESOURCE = "/schemas/record-contract.v1.json";

  private static final Map<String, Map<String, Function<NormalizedRecord, @Nullable Object>>>
      ACCESSORS = accessors();

  private static final RecordContract DEFAULTS = load(RESOURCE);

  private final Map<String, List<String>> values;
  private final Map<Platform, Map<String, Set<String>>> none;

  private RecordContract(
      Map<String, List<String>> values, Map<Platform, Map<String, Set<String>>> none) {
    this.values = values;
    this.none = none;
  }

  /** The contract the collector ships. */
  public static RecordContract defaults() {
    return DEFAULTS;
  }

  /**
   * The contract's values of a record type ({@code profile}, {@code post}, {@code comment}, {@code
   * metric}).
   */
  public List<String> values(String recordType) {
    return values.getOrDefault(recordType, List.of());
  }

  /** The values {@code platform} never has for {@code recordType}. */
  public Set<String> none(Platform platform, String recordType) {
    return none.getOrDefault(platform, Map.of()).getOrDefault(recordType, Set.of());
  }

  /** True when the platform has such a number for that record type. */
  public boolean expects(Platform platform, String recordType, String field) {
    return values(recordType).contains(field) && !none(platform, recordType).contains(field);
  }

  /** The value of a contract field of {@code record}; null when unset. */
  public static @Nullable Object value(NormalizedRecord record, String field) {
    Function<NormalizedRecord, @Nullable Object> accessor =
        ACCESSORS.getOrDefault(record.recordType(), Map.of()).get(field);
    if (accessor == null) {
      throw new IllegalArgumentException(record.recordType() + " has no contract field " + field);
    }
    return accessor.apply(record);
  }

  /** Every way {@code record} breaks the contract; empty when it keeps it. */
  public List<Violation> check(NormalizedRecord record) {
    String type = record.recordType();
    Set<String> platformNone = none(record.platform(), type);
    Map<String, Unavailable> unavailable = record.unavailable();
    List<Violation> out = new ArrayList<>();
    for (String field : values(type)) {
      Object value = value(record, field);
      Unavailable reason = unavailable.get(field);
      if (platformNone.contains(field)) {
        if (value != null) {
          out.add(
              new Violation(
                  "/" + field,
                  record.platform().wireName()
                      + " has no "
                      + field
                      + " for a "
                      + type
                      + ", found "
                      + value));
        }
        if (reason != null) {
          out.add(
              new Violation(
                  "/unavailable/" + field,
                  record.platform().wireName()
                      + " never has "
                      + field
                      + " for a "
                      + type
                      + "; it is a bare null, not unavailable"));
        }
      } else if (value == null && reason == null) {
        out.add(
            new Violation(
                "/" + field,
                field + " is null and the document gave no reason (unavailable names none)"));
      } else if (value != null && reason != null) {
        out.add(
            new Violation(
                "/unavailable/" + field,
                field + " is " + value + " yet marked unavailable (" + reason.wireName() + ")"));
      }
    }
    for (String field : unavailable.keySet()) {
      if (!values(type).contains(field)) {
        out.add(
            new Violation(
                "/unavailable/" + field, field + " is not a value of a " + type + " record"));
      }
    }
    return out;
  }

  static RecordContract load(String resource) {
    JsonNode root;
    try (InputStream in = RecordContract.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("record contract missing from the classpath: " + resource);
      }
      root = Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read record contract " + resource, e);
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("values").properties()) {
      Map<String, Function<NormalizedRecord, @Nullable Object>> known =
          ACCESSORS.getOrDefault(e.getKey(), Map.of());
      List<String> fields = new ArrayList<>();
      for (JsonNode f : e.getValue()) {
        if (!known.containsKey(f.asString())) {
          throw new IllegalStateException(
              resource + ": " + e.getKey() + " records have no field " + f.asString());
        }
        fields.add(f.asString());
      }
      values.put(e.getKey(), List.copyOf(fields));
    }
    Map<Platform, Map<String, Set<String>>> none = new EnumMap<>(Platform.class);
    for (Map.Entry<String, JsonNode> p : root.path("none").properties()) {
      Platform platform =
          Platform.fromWireName(p.getKey())
              .orElseThrow(
                  () -> new IllegalStateException(resource + ": unknown platform " + p.getKey()));
      Map<String, Set<String>> byType = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> t : p.getValue().properties()) {
        Set<String> fields = new TreeSet<>();
        for (JsonNode f : t.getValue()) {
          if (!values.getOrDefault(t.getKey(), List.of()).contains(f.asString())) {
            throw new IllegalStateException(
                resource
                    + ": "
                    + p.getKey()
                    + " "
                    + t.getKey()
                    + " none lists "
                    + f.asString()
                    + ", which is not a contract value");
          }
          fields.add(f.asString());
        }
        byType.put(t.getKey(), Set.copyOf(fields));
      }
      none.put(platform, Map.copyOf(byType));
    }
    return new RecordContract(Map.copyOf(values), none);
  }

  private static Map<String, Map<String, Function<NormalizedRecord, @Nullable Object>>>
      accessors() {
    Map<String, Function<NormalizedRecord, @Nullable Object>> profile = new LinkedHashMap<>();
    profile.put("handle", r -> ((ProfileRecord) r).handle());
    profile.put("displayName", r -> ((ProfileRecord) r).displayName());
    profile.put("followers", r -> ((ProfileRecord) r).followers());
    profile.put("following", r -> ((ProfileRecord) r).following());
    profile.put("postCount", r -> ((ProfileRecord) r).postCount());
    profile.put("totalLikes", r -> ((ProfileRecord) r).totalLikes());
    profile.put("totalViews", r -> ((ProfileRecord) r).totalViews());
    Map<String, Function<NormalizedRecord, @Nullable Object>> post = new LinkedHashMap<>();
    post.put("ownerId", r -> ((PostRecord) r).ownerId());
    post.put("title", r -> ((PostRecord) r).title());
    post.put("publishedAt", r -> ((PostRecord) r).publishedAt());
    post.put("views", r -> ((PostRecord) r).views());
    post.put("likes", r -> ((PostRecord) r).likes());
    post.put("comments", r -> ((PostRecord) r).comments());
    post.put("shares", r -> ((PostRecord) r).shares());
    post.put("saves", r -> ((PostRecord) r).saves());
    Map<String, Function<NormalizedRecord, @Nullable Object>> comment = new LinkedHashMap<>();
    comment.put("authorId", r -> ((CommentRecord) r).authorId());
    comment.put("publishedAt", r -> ((CommentRecord) r).publishedAt());
    comment.put("likes", r -> ((CommentRecord) r).likes());
    comment.put("replyCount", r -> ((CommentRecord) r).replyCount());
    Map<String, Function<NormalizedRecord, @Nullable Object>> metric = new LinkedHashMap<>();
    metric.put("value", r -> ((MetricRecord) r).value());
    return Map.of("profile", profile, "post", post, "comment", comment, "metric", metric);
  }
}
