package dev.snscollector.api.schedules;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A cron expression in a time zone: five fields (minute hour day-of-month month day-of-week, as in
 * crontab) or six with seconds first (as in Spring). Ticks are instants on whole seconds.
 */
public final class CronSchedule {
  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser WITH_SECONDS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime times;

  private CronSchedule(String expression, ZoneId zone, ExecutionTime times) {
    this.expression = expression;
    this.zone = zone;
    this.times = times;
  }

  /**
   * Reads an expression.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static CronSchedule parse(String expression, ZoneId zone) {
    String e = expression.strip();
    int fields = e.isEmpty() ? 0 : e.split("\\s+").length;
    if (fields != 5 && fields != 6) {
      throw new IllegalArgumentException(
          "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first;"
              + " got "
              + fields);
    }
    Cron cron;
    try {
      cron = (fields == 5 ? UNIX : WITH_SECONDS).parse(e).validate();
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("not a cron expression: " + ex.getMessage(), ex);
    }
    return new CronSchedule(e, zone, ExecutionTime.forCron(cron));
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first tick strictly after {@code instant}. */
  public Optional<Instant> next(Instant instant) {
    return times
        .nextExecution(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone))
        .map(t -> t.toInstant().truncatedTo(ChronoUnit.SECONDS));
  }

  /** The latest tick at or before {@code instant}: the one to fire when ticks were missed. */
  public Optional<Instant> latestAtOrBefore(Instant instant) {
    ZonedDateTime probe = instant.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).atZone(zone);
    return times.lastExecution(probe).map(t -> t.toInstant().truncatedTo(ChronoUnit.SECONDS));
  }
}
