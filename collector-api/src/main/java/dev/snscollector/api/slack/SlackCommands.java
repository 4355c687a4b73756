package dev.snscollector.api.slack;

import dev.snscollector.api.db.Database;
import dev.snscollector.api.http.Bodies;
import dev.snscollector.api.http.Route;
import dev.snscollector.api.jobs.JobStore;
import dev.snscollector.api.ops.DeadLetterRedrive;
import dev.snscollector.api.ops.JobReplay;
import dev.snscollector.api.ops.PausedScopesList;
import dev.snscollector.capture.PausedScopes;
import dev.snscollector.contracts.Json;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /slack/commands}: Slack's slash command {@code /collector}, and {@code POST
 * /slack/interactions}: the buttons its answers carry. Every request must carry Slack's signature
 * ({@link SlackSignature}; else 401 and nothing is run); commands run only for the configured
 * channels and users ({@code SLACK_ALLOWED_CHANNELS}, {@code SLACK_ALLOWED_USERS}: both must name
 * the caller), a button's press is checked the same way; every request is written to {@code
 * slack_commands} (who, where, what, how it ended and what it did; a badly signed one with nothing
 * from its body).
 *
 * <p>Commands: {@code status}, {@code job <id>} ({@link StatusReport}), {@code pause [scope]} and
 * {@code resume <scope>} ({@link PausedScopesList}), {@code replay <jobId>} ({@link JobReplay}),
 * {@code redrive} (answers with the dead-letter count and a button whose confirmation starts {@link
 * DeadLetterRedrive}; the count moved is posted to the command's {@code response_url} when the move
 * ends), {@code help}. Answers are ephemeral messages to the caller.
 */
public final class SlackCommands {
  private static final Logger log = LoggerFactory.getLogger(SlackCommands.class);

  /** The redrive button's action id. */
  static final String REDRIVE_ACTION = "redrive_confirm";

  /** How long a redrive is followed before its outcome is posted. */
  private static final Duration REDRIVE_LIMIT = Duration.ofMinutes(15);

  /**
   * @param signingSecret the Slack app's signing secret ({@code SLACK_SIGNING_SECRET}); the routes
   *     are served only when it is set
   * @param channels channel ids allowed to run commands ({@code SLACK_ALLOWED_CHANNELS})
   * @param users user ids allowed to run commands ({@code SLACK_ALLOWED_USERS})
   * @param responseUrlPrefix where a {@code response_url} must point before anything is posted to
   *     it (see {@code fromSlack}) ({@code SLACK_RESPONSE_URL_PREFIX}, default {@code
   *     https://hooks.slack.com/}): the URL comes in the request, so it is checked rather than
   *     trusted
   * @param prometheusUrl the Prometheus that scrapes the workers ({@code PROMETHEUS_URL}), for the
   *     breakers and proxies {@code status} shows; null leaves them out
   * @param webhookUrl the channel's incoming webhook ({@code SLACK_WEBHOOK_URL}; secret), where run
   *     reports go; null sends none
   * @param reportPoll how often finished schedule runs are looked for ({@code
   *     SLACK_REPORT_POLL_SECONDS}, default 15)
   */
  public record Settings(
      @Nullable String signingSecret,
      Set<String> channels,
      Set<String> users,
      String responseUrlPrefix,
      @Nullable URI prometheusUrl,
      @Nullable URI webhookUrl,
      Duration reportPoll) {
    public static final String SLACK_HOOKS = "https://hooks.slack.com/";

    public Settings {
      channels = Set.copyOf(channels);
      users = Set.copyOf(users);
    }

    /** Commands on for these channels and users, answers posted only to Slack. */
    public Settings(@Nullable String signingSecret, Set<String> channels, Set<String> users) {
      this(signingSecret, channels, users, SLACK_HOOKS, null, null, Duration.ofSeconds(15));
    }

    @Override
    public String toString() {
      return "Slack["
          + (signingSecret == null ? "off" : "on")
          + ", channels="
          + channels.size()
          + ", users="
          + users.size()
          // Host and port only: the URL may carry basic-auth credentials.
          + (prometheusUrl == null
              ? ""
              : ", prometheus=" + prometheusUrl.getHost() + ":" + prometheusUrl.getPort())
          + (webhookUrl == null ? "" : ", reports=on")
          + "]";
    }
  }

  private final Database db;
  private final @Nullable SlackSignature signature;
  private final Settings settings;
  private final Clock clock;
  private final StatusReport reports;
  private final PausedScopesList pauses;
  private final JobReplay replays;
  private final DeadLetterRedrive redrive;
  private final SlackPoster poster;
  private final ExecutorService followUps =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("slack-follow-up-", 0).factory());

  public SlackCommands(
      Database db,
      JobStore jobs,
      SqsClient sqs,
      String jobsQueueUrl,
      PausedScopesList pauses,
      JobReplay replays,
      Settings settings,
      Clock clock) {
    this.db = db;
    String secret = settings.signingSecret();
    this.signature = secret == null ? null : new SlackSignature(secret);
    this.settings = settings;
    this.clock = clock;
    this.pauses = pauses;
    this.replays = replays;
    this.redrive = new DeadLetterRedrive(sqs, jobsQueueUrl);
    this.reports =
        new StatusReport(db, jobs, sqs, jobsQueueUrl, pauses, redrive, settings.prometheusUrl());
    this.poster = new SlackPoster(Duration.ofSeconds(10));
  }

  public List<Route> routes() {
    // Open to API keys: Slack authenticates with its signature instead.
    return List.of(
        Route.open(HandlerType.POST, "/slack/commands", (ctx, caller) -> command(ctx)),
        Route.open(HandlerType.POST, "/slack/interactions", (ctx, caller) -> interaction(ctx)));
  }

  /** The body of a request Slack signed, as a form; null when refused (answered already). */
  private @Nullable Map<String, String> verified(Context ctx, Instant now) {
    SlackSignature signature = this.signature;
    if (signature == null) {
      Bodies.json(
          ctx, 404, Map.of("error", "Slack commands are off: SLACK_SIGNING_SECRET is unset"));
      return null;
    }
    byte[] body = Bodies.bytes(ctx); // the raw body, as read within the size limit
    Optional<String> refused =
        signature.refusal(
            ctx.header("X-Slack-Request-Timestamp"), ctx.header("X-Slack-Signature"), body, now);
    if (refused.isPresent()) {
      audit(now, Map.of(), "bad_signature", null);
      log.warn("slack request refused: {}", refused.get());
      Bodies.json(ctx, 401, Map.of("error", refused.get()));
      return null;
    }
    return form(new String(body, StandardCharsets.UTF_8));
  }

  private boolean allowed(String channel, String user) {
    return settings.channels().contains(channel) && settings.users().contains(user);
  }

  private void command(Context ctx) {
    Instant now = clock.instant();
    Map<String, String> form = verified(ctx, now);
    if (form == null) {
      return;
    }
    if (!allowed(form.getOrDefault("channel_id", ""), form.getOrDefault("user_id", ""))) {
      audit(now, form, "not_allowed", null);
      reply(ctx, "This channel or user may not run /collector commands.");
      return;
    }
    String user = form.getOrDefault("user_id", "");
    String[] words = form.getOrDefault("text", "").strip().split("\\s+", 2);
    String argument = words.length < 2 ? "" : words[1].strip();
    Answer answer;
    try {
      answer =
          switch (words[0]) {
            case "status" -> Answer.of(reports.status(now));
            case "job" ->
                Answer.of(
                    argument.isEmpty() ? "Usage: /collector job <jobId>" : reports.job(argument));
            case "pause" -> pause(argument, user);
            case "resume" -> resume(argument);
            case "replay" -> replay(argument);
            case "redrive" -> redriveQuestion();
            case "", "help" -> Answer.of(help());
            default -> Answer.of("Unknown command '" + words[0] + "'.\n" + help());
          };
    } catch (RuntimeException e) {
      // S3, SQS or the database failed (a pause is rolled back whole): say so, in the channel.
      // The detail (an AWS message may name accounts and roles) stays in the API's log.
      log.warn("slack command {} failed: {}", words[0], e.toString());
      audit(now, form, "failed", e.getClass().getSimpleName());
      reply(
          ctx,
          "/collector "
              + words[0]
              + " failed ("
              + e.getClass().getSimpleName()
              + "); the API's log has the details.");
      return;
    }
    audit(now, form, "answered", answer.detail());
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("response_type", "ephemeral");
    message.put("text", answer.text());
    if (answer.blocks() != null) {
      message.put("blocks", answer.blocks());
    }
    Bodies.json(ctx, 200, message);
  }

  /** An answer's text, its Block Kit blocks when it has buttons, and what it did for the audit. */
  private record Answer(String text, @Nullable List<Object> blocks, @Nullable String detail) {
    static Answer of(String text) {
      return new Answer(text, null, null);
    }

    static Answer did(String text, String detail) {
      return new Answer(text, null, detail);
    }
  }

  private static String help() {
    return "/collector status: queues, pauses, outcomes of the last hour, breakers, proxies\n"
        + "/collector job <jobId>: a job's state, outcome and routes\n"
        + "/collector pause [all | platform | route | platform.route]: stop starting that work"
        + " (alone: what is paused)\n"
        + "/collector resume <scope>: start it again\n"
        + "/collector replay <jobId>: run a finished job again (e.g. after a parser fix)\n"
        + "/collector redrive: move the dead-letter queue's jobs back (asks first)";
  }

  private Answer pause(String argument, String user) {
    if (argument.isEmpty()) {
      Map<String, PausedScopesList.Pause> paused = pauses.paused();
      return Answer.of(
          paused.isEmpty()
              ? "Nothing is paused."
              : "Paused: " + String.join(", ", paused.keySet()) + ".");
    }
    StringBuilder why = new StringBuilder();
    Optional<String> scope = PausedScopes.parse(argument, why);
    if (scope.isEmpty()) {
      return Answer.of(why.toString());
    }
    boolean changed = pauses.pause(scope.get(), user);
    return Answer.did(
        changed
            ? "Paused "
                + scope.get()
                + ": from the workers' next read of the list (a few seconds) no job starts"
                + " on it; jobs that need it wait on the queue until it is resumed."
            : scope.get() + " was paused already.",
        "pause " + scope.get());
  }

  private Answer resume(String argument) {
    StringBuilder why = new StringBuilder();
    Optional<String> scope =
        argument.isEmpty() ? Optional.empty() : PausedScopes.parse(argument, why);
    if (scope.isEmpty()) {
      return Answer.of(argument.isEmpty() ? "Usage: /collector resume <scope>" : why.toString());
    }
    boolean changed = pauses.resume(scope.get());
    return Answer.did(
        changed
            ? "Resumed " + scope.get() + "."
            : scope.get()
                + " was not paused"
                + (pauses.paused().isEmpty()
                    ? "."
                    : " (paused: " + String.join(", ", pauses.paused().keySet()) + ")."),
        "resume " + scope.get());
  }

  private Answer replay(String jobId) {
    if (jobId.isEmpty()) {
      return Answer.of("Usage: /collector replay <jobId>");
    }
    return switch (replays.replay(jobId)) {
      case JobReplay.Result.Replayed r ->
          Answer.did(
              "Replaying " + jobId + " (" + r.originalOutcome() + ") as job " + r.jobId() + ".",
              "replay " + r.jobId());
      case JobReplay.Result.Refused r -> Answer.of(r.reason());
    };
  }

  private Answer redriveQuestion() {
    DeadLetterRedrive.Queues queues = redrive.queues();
    if (redrive.running(queues).isPresent()) {
      return Answer.of("A redrive of " + queues.deadLetterName() + " is running already.");
    }
    long waiting = redrive.waiting(queues);
    if (waiting == 0) {
      return Answer.of("The dead-letter queue " + queues.deadLetterName() + " is empty.");
    }
    String text =
        "*"
            + waiting
            + " messages* in the dead-letter queue `"
            + queues.deadLetterName()
            + "`. Move them back to the jobs queue?";
    Map<String, Object> button = new LinkedHashMap<>();
    button.put("type", "button");
    button.put("action_id", REDRIVE_ACTION);
    button.put("style", "primary");
    button.put("text", Map.of("type", "plain_text", "text", "Redrive " + waiting));
    button.put("value", Long.toString(waiting));
    button.put(
        "confirm",
        Map.of(
            "title", Map.of("type", "plain_text", "text", "Redrive the dead-letter queue?"),
            "text",
                Map.of(
                    "type",
                    "plain_text",
                    "text",
                    "Every message of "
                        + queues.deadLetterName()
                        + " goes back to the jobs queue and runs again."),
            "confirm", Map.of("type", "plain_text", "text", "Redrive"),
            "deny", Map.of("type", "plain_text", "text", "Cancel")));
    List<Object> blocks =
        List.of(
            Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text)),
            Map.of("type", "actions", "elements", List.of(button)));
    return new Answer(text, blocks, "redrive asked: " + waiting);
  }

  /** A button pressed on one of the answers: Slack posts {@code payload=<JSON>}, signed. */
  private void interaction(Context ctx) {
    Instant now = clock.instant();
    Map<String, String> form = verified(ctx, now);
    if (form == null) {
      return;
    }
    JsonNode payload;
    try {
      payload = Json.MAPPER.readTree(form.getOrDefault("payload", ""));
    } catch (RuntimeException e) {
      audit(now, Map.of(), "bad_payload", null);
      Bodies.json(ctx, 400, Map.of("error", "payload is not JSON"));
      return;
    }
    String user = payload.path("user").path("id").asString("");
    String channel = payload.path("channel").path("id").asString("");
    String action = payload.path("actions").path(0).path("action_id").asString("");
    Map<String, String> who = new LinkedHashMap<>();
    who.put("team_id", payload.path("team").path("id").asString(""));
    who.put("channel_id", channel);
    who.put("user_id", user);
    who.put("command", "/collector");
    who.put("text", "button " + action);
    String responseUrl = payload.path("response_url").asString("");
    if (!fromSlack(responseUrl)) {
      audit(now, who, "bad_response_url", null);
      Bodies.json(ctx, 400, Map.of("error", "response_url is not Slack's"));
      return;
    }
    // Slack ignores the body of an answer to a button: what the caller reads goes to response_url,
    // after the 200 (Slack wants that within 3 s).
    if (!allowed(channel, user)) {
      audit(now, who, "not_allowed", null);
      later(() -> post(responseUrl, "This channel or user may not run /collector commands."));
      ctx.status(200);
      return;
    }
    if (!REDRIVE_ACTION.equals(action)) {
      audit(now, who, "unknown_action", null);
      Bodies.json(ctx, 400, Map.of("error", "unknown action '" + action + "'"));
      return;
    }
    DeadLetterRedrive.Queues queues;
    long startedFrom = clock.millis() - 2_000;
    try {
      queues = redrive.queues();
      if (redrive.running(queues).isPresent()) {
        audit(now, who, "answered", "redrive already running");
        String name = queues.deadLetterName();
        later(() -> post(responseUrl, "A redrive of " + name + " is running already."));
        ctx.status(200);
        return;
      }
      redrive.start(queues);
    } catch (RuntimeException e) {
      log.warn("dead-letter redrive could not start: {}", e.toString());
      audit(now, who, "failed", e.getClass().getSimpleName());
      String failure = e.getClass().getSimpleName();
      later(
          () ->
              post(
                  responseUrl,
                  "The redrive could not start ("
                      + failure
                      + "); nothing moved. The API's log has the details."));
      ctx.status(200);
      return;
    }
    long id = audit(now, who, "answered", "redrive started");
    log.info("dead-letter redrive started by {} ({})", user, queues.deadLetterName());
    DeadLetterRedrive.Queues started = queues;
    later(() -> followRedrive(started, startedFrom, id, user, responseUrl));
    ctx.status(200);
  }

  private void later(Runnable task) {
    followUps.submit(task);
  }

  /**
   * Whether a {@code response_url} is Slack's: the same scheme, host and port as {@code
   * SLACK_RESPONSE_URL_PREFIX}, no user info, and a path under its path (a bare prefix match would
   * let {@code https://hooks.slack.com.example} or {@code https://hooks.slack.com@example} pass).
   */
  private boolean fromSlack(String url) {
    try {
      URI u = new URI(url);
      URI p = new URI(settings.responseUrlPrefix());
      return u.isAbsolute()
          && u.getRawUserInfo() == null
          && u.getHost() != null
          && p.getScheme().equalsIgnoreCase(u.getScheme())
          && u.getHost().equalsIgnoreCase(String.valueOf(p.getHost()))
          && u.getPort() == p.getPort()
          && String.valueOf(u.getRawPath()).startsWith(String.valueOf(p.getRawPath()));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private void followRedrive(
      DeadLetterRedrive.Queues queues, long startedFrom, long auditId, String user, String url) {
    try {
      DeadLetterRedrive.Moved moved = redrive.await(queues, startedFrom, REDRIVE_LIMIT);
      String text =
          switch (moved.status()) {
            case "COMPLETED" ->
                "Redrive by <@"
                    + user
                    + "> done: moved "
                    + moved.moved()
                    + " messages from `"
                    + queues.deadLetterName()
                    + "` back to the jobs queue.";
            case "RUNNING" ->
                "Redrive by <@"
                    + user
                    + "> still running after "
                    + REDRIVE_LIMIT.toMinutes()
                    + " minutes: "
                    + moved.moved()
                    + " of "
                    + moved.toMove()
                    + " moved so far.";
            default ->
                "Redrive by <@"
                    + user
                    + "> ended "
                    + moved.status()
                    + " after moving "
                    + moved.moved()
                    + " messages"
                    + (moved.failure() == null ? "." : ": " + moved.failure());
          };
      db.execute(
          "note a redrive's outcome",
          c -> {
            try (PreparedStatement s =
                c.prepareStatement("update slack_commands set detail = ? where id = ?")) {
              s.setString(
                  1, "redrive " + moved.status().toLowerCase(Locale.ROOT) + ": " + moved.moved());
              s.setLong(2, auditId);
              s.executeUpdate();
            }
          });
      post(url, text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("could not follow the dead-letter redrive: {}", e.toString());
    }
  }

  private void post(String responseUrl, String text) {
    poster.post(
        URI.create(responseUrl),
        Map.of("response_type", "ephemeral", "replace_original", true, "text", text),
        "redrive answer");
  }

  private static void reply(Context ctx, String text) {
    Bodies.json(ctx, 200, Map.of("response_type", "ephemeral", "text", text));
  }

  /** Writes the audit row; returns its id. */
  private long audit(
      Instant now, Map<String, String> form, String outcome, @Nullable String detail) {
    return db.transaction(
        "audit a slack command",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into slack_commands (received_at, team_id, channel_id, user_id, command,"
                      + " text, outcome, detail) values (?, ?, ?, ?, ?, ?, ?, ?) returning id")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, form.get("team_id"));
            s.setString(3, form.get("channel_id"));
            s.setString(4, form.get("user_id"));
            s.setString(5, form.get("command"));
            s.setString(6, form.get("text"));
            s.setString(7, outcome);
            s.setString(8, detail);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** An {@code application/x-www-form-urlencoded} body, first value of each name. */
  static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.putIfAbsent(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
