package dev.snscollector.parsers;

import dev.snscollector.contracts.ContractSchemas;
import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.DriftReport.PathFailure;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.RecordContract;
import dev.snscollector.contracts.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last step of every parse: each record against the record schema ({@code record.v1}) and the
 * {@link RecordContract}. A record that fails either makes the whole document drift (keyword {@code
 * record}), so a value that went missing without the page saying why never leaves the parser as an
 * ok record, whatever the structure schema missed.
 *
 * <p>The failure's path names the record and field ({@code records/0/followers}); the structure
 * path it came from is the structure schema's to name, which the mutation tests check.
 */
public final class RecordChecks {
  private RecordChecks() {}

  /** Empty when every record keeps both contracts; otherwise drift naming each broken field. */
  public static Optional<DriftReport> check(
      StructureSchema schema, String url, List<NormalizedRecord> records) {
    List<PathFailure> failures = new ArrayList<>();
    for (int i = 0; i < records.size() && failures.size() < StructureSchema.MAX_FAILURES; i++) {
      NormalizedRecord record = records.get(i);
      for (Violation v : violations(record)) {
        failures.add(
            new PathFailure(
                "records/" + i + v.field(),
                "record",
                "a " + record.recordType() + " record that keeps the record contract",
                v.message(),
                List.of()));
      }
    }
    return failures.isEmpty()
        ? Optional.empty()
        : Optional.of(new DriftReport(schema.id(), schema.version(), url, failures));
  }

  /**
   * How {@code record} breaks the record schema or the record contract; empty when it keeps both.
   */
  public static List<Violation> violations(NormalizedRecord record) {
    List<Violation> out = new ArrayList<>(RecordContract.defaults().check(record));
    out.addAll(ContractSchemas.validateRecord(Json.MAPPER.valueToTree(record)));
    return out;
  }
}
