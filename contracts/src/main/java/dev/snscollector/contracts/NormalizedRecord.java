package dev.snscollector.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A normalized record, one JSON line in a records object. Schema: {@code
 * /schemas/record.v1.schema.json}. A metric the source did not show is null, never 0; a metric read
 * from an abbreviated display ("1.2M") is named in {@link #approximate()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ProfileRecord.class, name = "profile"),
  @JsonSubTypes.Type(value = PostRecord.class, name = "post"),
  @JsonSubTypes.Type(value = CommentRecord.class, name = "comment"),
  @JsonSubTypes.Type(value = MetricRecord.class, name = "metric")
})
public sealed interface NormalizedRecord
    permits ProfileRecord, PostRecord, CommentRecord, MetricRecord {
  /**
   * The record type's wire name: {@code profile}, {@code post}, {@code comment} or {@code metric}.
   */
  @JsonIgnore
  default String recordType() {
    return switch (this) {
      case ProfileRecord p -> "profile";
      case PostRecord p -> "post";
      case CommentRecord c -> "comment";
      case MetricRecord m -> "metric";
    };
  }

  /**
   * Values that are null for a reason the document gave, by field name; see {@link RecordContract}.
   */
  Map<String, Unavailable> unavailable();

  Platform platform();

  String platformId();

  Instant observedAt();

  RecordSource source();

  /** Names of metric fields whose value was read from an abbreviated display. */
  List<String> approximate();
}
