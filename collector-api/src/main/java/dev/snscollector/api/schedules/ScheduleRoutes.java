package dev.snscollector.api.schedules;

import dev.snscollector.api.accounts.AccountRef;
import dev.snscollector.api.accounts.AccountStore;
import dev.snscollector.api.db.Database;
import dev.snscollector.api.http.Bodies;
import dev.snscollector.api.http.Problem.FieldError;
import dev.snscollector.api.http.ProblemException;
import dev.snscollector.api.http.ProblemType;
import dev.snscollector.api.http.Route;
import dev.snscollector.api.http.Scope;
import dev.snscollector.api.jobs.JobDrafts;
import dev.snscollector.api.jobs.JobService;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/schedules}: create (checked as its jobs would be: every target, every account, the
 * template), list, read, pause, resume, delete.
 */
public final class ScheduleRoutes {
  /** The zone a schedule is read in when the request names none. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Seoul");

  private static final Set<String> FIELDS =
      Set.of("name", "cron", "timeZone", "job", "targets", "accounts");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final ScheduleStore store;
  private final AccountStore accounts;
  private final Clock clock;

  public ScheduleRoutes(Database db, ScheduleStore store, AccountStore accounts, Clock clock) {
    this.db = db;
    this.store = store;
    this.accounts = accounts;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(
        Route.post(
            "/v1/schedules",
            Scope.SCHEDULES_WRITE,
            (ctx, caller) -> Bodies.json(ctx, 201, create(ctx))),
        Route.get(
            "/v1/schedules",
            Scope.SCHEDULES_READ,
            (ctx, caller) -> Bodies.json(ctx, 200, Map.of("items", store.list()))),
        Route.get(
            "/v1/schedules/{id}",
            Scope.SCHEDULES_READ,
            (ctx, caller) -> Bodies.json(ctx, 200, found(ctx.pathParam("id")))),
        Route.delete(
            "/v1/schedules/{id}",
            Scope.SCHEDULES_WRITE,
            (ctx, caller) -> {
              if (!store.delete(ctx.pathParam("id"))) {
                throw notFound(ctx.pathParam("id"));
              }
              ctx.status(204);
            }),
        Route.post(
            "/v1/schedules/{id}/pause",
            Scope.SCHEDULES_WRITE,
            (ctx, caller) -> Bodies.json(ctx, 200, pause(ctx.pathParam("id"), true))),
        Route.post(
            "/v1/schedules/{id}/resume",
            Scope.SCHEDULES_WRITE,
            (ctx, caller) -> Bodies.json(ctx, 200, pause(ctx.pathParam("id"), false))));
  }

  private ScheduleView found(String id) {
    return store.find(id).orElseThrow(() -> notFound(id));
  }

  private static ProblemException notFound(String id) {
    return new ProblemException(ProblemType.NOT_FOUND, "no schedule " + id);
  }

  private ScheduleView pause(String id, boolean paused) {
    Instant now = clock.instant();
    Instant next = null;
    if (!paused) {
      ScheduleView s = found(id);
      next = CronSchedule.parse(s.cron(), ZoneId.of(s.timeZone())).next(now).orElse(null);
    }
    return store.setPaused(id, paused, next, now).orElseThrow(() -> notFound(id));
  }

  private ScheduleView create(Context ctx) {
    JsonNode body = Bodies.object(ctx);
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, JsonNode> p : body.properties()) {
      if (!FIELDS.contains(p.getKey())) {
        errors.add(new FieldError("/" + p.getKey(), "unknown property"));
      }
    }
    String name = null;
    if (body.has("name")) {
      name = body.path("name").stringValue("");
      if (name.isBlank() || name.length() > 200) {
        errors.add(new FieldError("/name", "a name of 1 to 200 characters"));
      }
    }
    ZoneId zone = DEFAULT_ZONE;
    if (body.has("timeZone")) {
      try {
        zone = ZoneId.of(body.path("timeZone").stringValue(""));
      } catch (DateTimeException e) {
        errors.add(new FieldError("/timeZone", "an IANA time zone such as Asia/Seoul"));
      }
    }
    CronSchedule cron = null;
    try {
      cron = CronSchedule.parse(body.path("cron").stringValue(""), zone);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("/cron", String.valueOf(e.getMessage())));
    }
    List<String> targets = strings(body, "targets", errors);
    List<String> accountIds = strings(body, "accounts", errors);
    if (targets.isEmpty() == accountIds.isEmpty()) {
      errors.add(
          new FieldError(
              "", "give either targets or accounts (1 to " + JobService.MAX_BATCH + ")"));
    }
    List<JobDrafts.Draft> drafts =
        ScheduleJobs.drafts(body.path("job"), targets, accountIds, "sched-check", errors);
    checkAccounts(drafts, accountIds, errors);
    if (!errors.isEmpty() || cron == null) {
      throw new ProblemException(ProblemType.UNPROCESSABLE, "the schedule is not valid", errors);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Instant next =
        cron.next(now)
            .orElseThrow(
                () ->
                    ProblemException.field(
                        ProblemType.UNPROCESSABLE, "/cron", "this expression never fires"));
    ScheduleView s =
        new ScheduleView(
            newId(),
            name,
            cron.expression(),
            zone.getId(),
            body.path("job"),
            targets,
            accountIds,
            false,
            next,
            null,
            now);
    store.insert(s);
    return s;
  }

  private void checkAccounts(
      List<JobDrafts.Draft> drafts, List<String> accountIds, List<FieldError> errors) {
    if (accountIds.isEmpty() || drafts.isEmpty()) {
      return;
    }
    Set<AccountRef> wanted = new LinkedHashSet<>();
    for (JobDrafts.Draft d : drafts) {
      wanted.add(new AccountRef(d.message().platform(), d.message().target()));
    }
    Set<AccountRef> known = db.read("read accounts", c -> accounts.known(c, wanted));
    for (int i = 0; i < accountIds.size(); i++) {
      AccountRef ref = new AccountRef(drafts.getFirst().message().platform(), accountIds.get(i));
      if (!known.contains(ref)) {
        errors.add(new FieldError("/accounts/" + i, "no token stored for " + ref));
      }
    }
  }

  private static List<String> strings(JsonNode body, String field, List<FieldError> errors) {
    JsonNode list = body.path(field);
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray() || list.size() > JobService.MAX_BATCH) {
      errors.add(
          new FieldError("/" + field, "an array of at most " + JobService.MAX_BATCH + " strings"));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).isString()) {
        errors.add(new FieldError("/" + field + "/" + i, "a string"));
      } else {
        out.add(list.get(i).stringValue());
      }
    }
    return out;
  }

  private static String newId() {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    return "sched-" + HexFormat.of().formatHex(random);
  }
}
