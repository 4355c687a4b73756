package dev.snscollector.launcher.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %redactedEx}: the stack trace as {@code %ex} prints it, with secrets masked in the
 * exception messages ({@link Redactor}); a third-party client may put a URL with a key in one.
 */
public final class RedactedThrowableConverter extends ThrowableProxyConverter {
  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return Redactor.redact(super.throwableProxyToString(proxy));
  }
}
