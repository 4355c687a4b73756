package dev.snscollector.contracts;

import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON configuration every module shares: ISO-8601 instants, nulls written out. */
public final class Json {
  /** Thread-safe; share it. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Writes a record with its {@code type} discriminator, one line, no trailing newline. */
  public static final ObjectWriter RECORD_WRITER = MAPPER.writerFor(NormalizedRecord.class);

  public static final ObjectReader RECORD_READER = MAPPER.readerFor(NormalizedRecord.class);

  private Json() {}

  /** Records as JSON lines, each line ending in a newline. */
  public static String toJsonLines(List<? extends NormalizedRecord> records) {
    StringBuilder out = new StringBuilder(records.size() * 512);
    for (NormalizedRecord r : records) {
      out.append(RECORD_WRITER.writeValueAsString(r)).append('\n');
    }
    return out.toString();
  }
}
