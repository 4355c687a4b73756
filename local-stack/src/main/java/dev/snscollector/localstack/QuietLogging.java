package dev.snscollector.localstack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Turns Pekko, ElasticMQ and S3Proxy (with its shaded Jetty) down to WARN, because ElasticMQ's
 * bundled {@code application.conf} asks Pekko for DEBUG and both servers chat at INFO. Only acts
 * when logback is the slf4j backend, and only on loggers the application's logback configuration
 * left without a level, so an explicit {@code <logger name="org.elasticmq" level="DEBUG"/>} wins.
 */
final class QuietLogging {
  private static final List<String> NOISY =
      List.of("org.apache.pekko", "org.elasticmq", "org.gaul", "io.opentelemetry");

  private QuietLogging() {}

  static void apply() {
    // Compare by name: with another backend, the logback classes may be absent.
    if (LoggerFactory.getILoggerFactory()
        .getClass()
        .getName()
        .equals("ch.qos.logback.classic.LoggerContext")) {
      Logback.quiet();
    }
  }

  /** Loaded only when logback is present. */
  private static final class Logback {
    static void quiet() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      for (String name : NOISY) {
        Logger logger = context.getLogger(name);
        if (logger.getLevel() == null) {
          logger.setLevel(Level.WARN);
        }
      }
    }
  }
}
