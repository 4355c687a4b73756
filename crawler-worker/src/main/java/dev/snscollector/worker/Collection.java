package dev.snscollector.worker;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.ResultEvent.RouteAttempt;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What collecting one job produced: its outcome, the records, every capture fetched on the way
 * (kept in S3 whatever the outcome), the drift report if any, and each route attempt.
 */
public record Collection(
    Outcome outcome,
    @Nullable String detail,
    List<NormalizedRecord> records,
    List<Capture> captures,
    @Nullable DriftReport drift,
    List<RouteAttempt> routes,
    long fetchMillis) {
  public Collection {
    records = List.copyOf(records);
    captures = List.copyOf(captures);
    routes = List.copyOf(routes);
  }
}
