package dev.snscollector.parsers;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.ContractSchemas;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Route;
import dev.snscollector.contracts.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds captures and contexts for parser tests. */
public final class TestCaptures {
  public static final Instant FETCHED_AT = Instant.parse("2026-03-01T09:30:00Z");
  public static final ParseContext CONTEXT = new ParseContext(Route.API, "job-1", FETCHED_AT);

  private TestCaptures() {}

  public static Capture capture(String url, int status, String body, @Nullable String pageType) {
    return new Capture(
        url,
        "GET",
        status,
        Map.of("content-type", "application/json; charset=UTF-8"),
        body.getBytes(StandardCharsets.UTF_8),
        FETCHED_AT,
        pageType);
  }

  /** {@link String#format} without the default locale. */
  public static String fill(String template, Object... args) {
    return String.format(java.util.Locale.ROOT, template, args);
  }

  /** Contract schema violations of each record, empty when all are valid. */
  public static List<Violation> violations(List<NormalizedRecord> records) {
    return records.stream()
        .flatMap(
            r ->
                ContractSchemas.validateRecord(
                        Json.MAPPER.readTree(Json.RECORD_WRITER.writeValueAsString(r)))
                    .stream()
                    .map(v -> new Violation(r.platformId() + v.field(), v.message())))
        .toList();
  }
}
