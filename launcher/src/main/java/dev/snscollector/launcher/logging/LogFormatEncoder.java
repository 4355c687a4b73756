package dev.snscollector.launcher.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Encodes as the configured {@code format} says: {@code text} with the configured {@code pattern},
 * or {@code json} ({@link JsonLineEncoder}). One appender with this encoder, rather than one
 * appender per format, because logback reports an appender that is not referenced on the console,
 * which would mix its status lines into the output of commands such as {@code parse}.
 *
 * <p>An unknown format is a configuration error: logback prints it at startup and nothing is
 * logged.
 */
public final class LogFormatEncoder extends EncoderBase<ILoggingEvent> {
  private String format = "text";
  private String pattern = "%level %logger - %redactedMsg%n%redactedEx";
  private @Nullable Encoder<ILoggingEvent> delegate;

  /** {@code text} or {@code json}, any case. */
  public void setFormat(String format) {
    this.format = format.trim().toLowerCase(Locale.ROOT);
  }

  /** The pattern of the {@code text} format. */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  @Override
  public void start() {
    Encoder<ILoggingEvent> chosen;
    switch (format) {
      case "json" -> chosen = new JsonLineEncoder();
      case "text" -> {
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setPattern(pattern);
        chosen = text;
      }
      default -> {
        addError("unknown log format '" + format + "': use text or json (LOG_FORMAT)");
        return;
      }
    }
    chosen.setContext(getContext());
    chosen.start();
    delegate = chosen;
    super.start();
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte @Nullable [] headerBytes() {
    return delegate == null ? null : delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate == null ? new byte[0] : delegate.encode(event);
  }

  @Override
  public byte @Nullable [] footerBytes() {
    return delegate == null ? null : delegate.footerBytes();
  }
}
