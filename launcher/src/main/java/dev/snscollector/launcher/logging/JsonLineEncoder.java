package dev.snscollector.launcher.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.snscollector.contracts.Json;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;
import tools.jackson.core.JsonGenerator;

/**
 * One JSON object per line, for log collectors (CloudWatch, Loki, Elasticsearch): {@code ts} (ISO
 * 8601, UTC), {@code level}, {@code logger}, {@code thread}, {@code message}, every MDC entry as a
 * field of its own (so {@code jobId} is on every line a job logs), SLF4J key-value pairs likewise,
 * and {@code error} ({@code type}, {@code message}, {@code stack}) when there is a throwable.
 *
 * <p>The message, MDC and key-value values and the error text go through {@link Redactor}. A field
 * whose name collides with one of the fixed ones is written as {@code mdc.<name>}.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final Set<String> FIXED =
      Set.of("ts", "level", "logger", "thread", "message", "error");

  @Override
  public byte @Nullable [] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringProperty("ts", event.getInstant().toString());
      json.writeStringProperty("level", event.getLevel().toString());
      json.writeStringProperty("logger", event.getLoggerName());
      json.writeStringProperty("thread", event.getThreadName());
      json.writeStringProperty("message", Redactor.redact(event.getFormattedMessage()));
      for (Map.Entry<String, String> e : event.getMDCPropertyMap().entrySet()) {
        writeExtra(json, e.getKey(), e.getValue());
      }
      List<KeyValuePair> pairs = event.getKeyValuePairs();
      if (pairs != null) {
        for (KeyValuePair pair : pairs) {
          writeExtra(json, pair.key, String.valueOf(pair.value));
        }
      }
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) {
        json.writeObjectPropertyStart("error");
        json.writeStringProperty("type", error.getClassName());
        json.writeStringProperty(
            "message", error.getMessage() == null ? null : Redactor.redact(error.getMessage()));
        json.writeStringProperty("stack", Redactor.redact(ThrowableProxyUtil.asString(error)));
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static void writeExtra(JsonGenerator json, String name, @Nullable String value) {
    json.writeStringProperty(
        FIXED.contains(name) ? "mdc." + name : name, value == null ? null : Redactor.redact(value));
  }

  @Override
  public byte @Nullable [] footerBytes() {
    return null;
  }
}
