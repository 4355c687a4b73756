package dev.snscollector.parsers;

import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import java.util.List;

/** How reading one document ended: records, drift, or a classification instead of content. */
public sealed interface ParseResult {

  /** The document matched its schema and yielded records (possibly none: zero posts). */
  record Parsed(List<NormalizedRecord> records, Continuation next) implements ParseResult {
    public Parsed {
      records = List.copyOf(records);
    }
  }

  /** The document no longer matches its page type's structure schema. No records. */
  record Drifted(DriftReport report) implements ParseResult {}

  /**
   * The document is not content: a wall, a block page, an error body, a missing or private target.
   * Never parsed, never drift.
   *
   * @param outcome one of not found, private, blocked, login wall, rate limited, token invalid
   * @param reason what in the document showed it
   */
  record Classified(Outcome outcome, String reason) implements ParseResult {}
}
