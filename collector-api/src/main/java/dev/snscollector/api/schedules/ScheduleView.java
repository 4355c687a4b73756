package dev.snscollector.api.schedules;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A schedule as the API shows it.
 *
 * @param id the schedule's id
 * @param name what it is for
 * @param cron the cron expression
 * @param timeZone the zone the expression is read in
 * @param job the job template: platform, kind, options, metadata
 * @param targets one job per target each tick (or)
 * @param accounts one job per account each tick, with the account's token
 * @param paused whether ticks are skipped
 * @param nextTickAt when it fires next (while not paused)
 * @param lastTickAt the last tick fired
 * @param createdAt when it was created
 */
public record ScheduleView(
    String id,
    @Nullable String name,
    String cron,
    String timeZone,
    JsonNode job,
    List<String> targets,
    List<String> accounts,
    boolean paused,
    Instant nextTickAt,
    @Nullable Instant lastTickAt,
    Instant createdAt) {}
