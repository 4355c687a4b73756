package dev.snscollector.launcher.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %redactedMsg}: the formatted message with secrets masked ({@link Redactor}). */
public final class RedactedMessageConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Redactor.redact(event.getFormattedMessage());
  }
}
