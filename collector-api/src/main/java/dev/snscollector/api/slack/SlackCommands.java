package dev.snscollector.api.slack;

import dev.snscollector.api.db.Database;
import dev.snscollector.api.http.Bodies;
import dev.snscollector.api.http.Route;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code POST /slack/commands}: Slack's slash command {@code /collector}. The request must carry
 * Slack's signature ({@link SlackSignature}; else 401 and nothing is run); the command runs only
 * for the configured channels and users ({@code SLACK_ALLOWED_CHANNELS}, {@code
 * SLACK_ALLOWED_USERS}: both must name it); every request is written to {@code slack_commands}
 * (who, where, what, and how it ended; a badly signed one with nothing from its body).
 *
 * <p>Commands: {@code status} (the jobs queue's depth, jobs waiting in the service, outcomes of the
 * last hour by platform and route), {@code job <id>} (state, outcome, attempts, routes), {@code
 * help}. The answer is an ephemeral message to the caller.
 */
public final class SlackCommands {
  private static final Logger log = LoggerFactory.getLogger(SlackCommands.class);

  /**
   * @param signingSecret the Slack app's signing secret ({@code SLACK_SIGNING_SECRET}); the route
   *     is served only when it is set
   * @param channels channel ids allowed to run commands ({@code SLACK_ALLOWED_CHANNELS})
   * @param users user ids allowed to run commands ({@code SLACK_ALLOWED_USERS})
   */
  public record Settings(@Nullable String signingSecret, Set<String> channels, Set<String> users) {
    public Settings {
      channels = Set.copyOf(channels);
      users = Set.copyOf(users);
    }

    @Override
    public String toString() {
      return "Slack["
          + (signingSecret == null ? "off" : "on")
          + ", channels="
          + channels.size()
          + ", users="
          + users.size()
          + "]";
    }
  }

  private final Database db;
  private final SqsClient sqs;
  private final String jobsQueueUrl;
  private final @Nullable SlackSignature signature;
  private final Settings settings;
  private final Clock clock;

  public SlackCommands(
      Database db, SqsClient sqs, String jobsQueueUrl, Settings settings, Clock clock) {
    this.db = db;
    this.sqs = sqs;
    this.jobsQueueUrl = jobsQueueUrl;
    String secret = settings.signingSecret();
    this.signature = secret == null ? null : new SlackSignature(secret);
    this.settings = settings;
    this.clock = clock;
  }

  public List<Route> routes() {
    // Open to API keys: Slack authenticates with its signature instead.
    return List.of(Route.open(HandlerType.POST, "/slack/commands", (ctx, caller) -> handle(ctx)));
  }

  private void handle(Context ctx) {
    SlackSignature signature = this.signature;
    if (signature == null) {
      Bodies.json(
          ctx, 404, Map.of("error", "Slack commands are off: SLACK_SIGNING_SECRET is unset"));
      return;
    }
    byte[] body = Bodies.bytes(ctx); // the raw body, as read within the size limit
    Instant now = clock.instant();
    Optional<String> refused =
        signature.refusal(
            ctx.header("X-Slack-Request-Timestamp"), ctx.header("X-Slack-Signature"), body, now);
    if (refused.isPresent()) {
      audit(now, Map.of(), "bad_signature");
      log.warn("slack command refused: {}", refused.get());
      Bodies.json(ctx, 401, Map.of("error", refused.get()));
      return;
    }
    Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
    String channel = form.getOrDefault("channel_id", "");
    String user = form.getOrDefault("user_id", "");
    if (!settings.channels().contains(channel) || !settings.users().contains(user)) {
      audit(now, form, "not_allowed");
      reply(ctx, "This channel or user may not run /collector commands.");
      return;
    }
    String[] words = form.getOrDefault("text", "").strip().split("\\s+", 2);
    String answer =
        switch (words[0]) {
          case "status" -> status(now);
          case "job" -> words.length < 2 ? "Usage: /collector job <jobId>" : job(words[1].strip());
          case "", "help" -> help();
          default -> "Unknown command '" + words[0] + "'.\n" + help();
        };
    audit(now, form, "answered");
    reply(ctx, answer);
  }

  private static String help() {
    return "/collector status: queue depth, jobs waiting, outcomes of the last hour\n"
        + "/collector job <jobId>: a job's state, outcome and routes";
  }

  private String status(Instant now) {
    Map<QueueAttributeName, String> queue =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(jobsQueueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    StringBuilder out =
        new StringBuilder("*Jobs queue*: ")
            .append(queue.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "?"))
            .append(" waiting, ")
            .append(
                queue.getOrDefault(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "?"))
            .append(" in flight\n");
    db.read(
        "slack status",
        c -> {
          out.append("*Jobs not finished*: ");
          try (PreparedStatement s =
                  c.prepareStatement(
                      "select state, count(*) from jobs where state in ('accepted', 'queued')"
                          + " group by state order by state");
              ResultSet rs = s.executeQuery()) {
            StringBuilder states = new StringBuilder();
            while (rs.next()) {
              states
                  .append(states.isEmpty() ? "" : ", ")
                  .append(rs.getLong(2))
                  .append(' ')
                  .append(rs.getString(1));
            }
            out.append(states.isEmpty() ? "none" : states).append('\n');
          }
          out.append("*Last hour* (platform, route: outcomes):\n");
          try (PreparedStatement s =
              c.prepareStatement(
                  "select platform, coalesce(routes->-1->>'route', '-'), outcome, count(*)"
                      + " from jobs where finished_at > ? group by 1, 2, 3 order by 1, 2, 3")) {
            s.setTimestamp(1, Timestamp.from(now.minus(Duration.ofHours(1))));
            try (ResultSet rs = s.executeQuery()) {
              Map<String, StringBuilder> lines = new LinkedHashMap<>();
              while (rs.next()) {
                StringBuilder line =
                    lines.computeIfAbsent(
                        rs.getString(1) + ", " + rs.getString(2), k -> new StringBuilder());
                line.append(line.isEmpty() ? "" : ", ")
                    .append(rs.getString(3))
                    .append(' ')
                    .append(rs.getLong(4));
              }
              lines.forEach(
                  (k, v) -> out.append("• ").append(k).append(": ").append(v).append('\n'));
              if (lines.isEmpty()) {
                out.append("• no job finished\n");
              }
            }
          }
          return out;
        });
    return out.toString().strip();
  }

  private String job(String id) {
    return db.read(
        "slack job",
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select state, outcome, attempts, detail, routes::text from jobs"
                      + " where job_id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                return "No job " + id + ".";
              }
              return "*"
                  + id
                  + "*: "
                  + rs.getString(1)
                  + (rs.getString(2) == null ? "" : ", outcome " + rs.getString(2))
                  + ", "
                  + rs.getInt(3)
                  + " attempts"
                  + (rs.getString(4) == null ? "" : "\n" + rs.getString(4))
                  + (rs.getString(5) == null ? "" : "\nroutes: " + rs.getString(5));
            }
          }
        });
  }

  private static void reply(Context ctx, String text) {
    Bodies.json(ctx, 200, Map.of("response_type", "ephemeral", "text", text));
  }

  private void audit(Instant now, Map<String, String> form, String outcome) {
    db.transaction("audit a slack command", c -> insert(c, now, form, outcome));
  }

  private static int insert(Connection c, Instant now, Map<String, String> form, String outcome)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into slack_commands (received_at, team_id, channel_id, user_id, command, text,"
                + " outcome) values (?, ?, ?, ?, ?, ?, ?)")) {
      s.setTimestamp(1, Timestamp.from(now));
      s.setString(2, form.get("team_id"));
      s.setString(3, form.get("channel_id"));
      s.setString(4, form.get("user_id"));
      s.setString(5, form.get("command"));
      s.setString(6, form.get("text"));
      s.setString(7, outcome);
      return s.executeUpdate();
    }
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
