package dev.snscollector.api.reports;

import dev.snscollector.api.db.Database;
import dev.snscollector.api.http.Bodies;
import dev.snscollector.api.http.ProblemException;
import dev.snscollector.api.http.ProblemType;
import dev.snscollector.api.http.Route;
import dev.snscollector.api.http.Scope;
import dev.snscollector.api.slack.SlackPoster;
import io.javalin.http.Context;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/reports/slack}: a run that is not a schedule's (the Airflow DAG's batches) asks
 * for its summary, {@code {"title": "...", "batches": ["<batchId>", ...]}}, and the service posts
 * it to the team's channel ({@code SLACK_WEBHOOK_URL}) and answers it as JSON. The webhook stays a
 * secret of the service; the caller needs {@code jobs:write}, as for submitting the run (it speaks
 * in the team's channel; the title is escaped, so it cannot mention everyone).
 */
public final class ReportRoutes {
  private static final int MAX_BATCHES = 1_000;
  private static final int MAX_TITLE = 200;

  private final Database db;
  private final SlackPoster slack;
  private final @Nullable URI webhook;

  public ReportRoutes(Database db, SlackPoster slack, @Nullable URI webhook) {
    this.db = db;
    this.slack = slack;
    this.webhook = webhook;
  }

  public List<Route> routes() {
    return List.of(
        Route.post(
            "/v1/reports/slack",
            Scope.JOBS_WRITE,
            (ctx, caller) -> Bodies.json(ctx, 200, report(ctx))));
  }

  private Map<String, Object> report(Context ctx) {
    JsonNode body = Bodies.object(ctx);
    JsonNode title = body.path("title");
    if (!title.isString() || title.asString().isBlank() || title.asString().length() > MAX_TITLE) {
      throw ProblemException.field(
          ProblemType.INVALID_REQUEST, "/title", "a title of 1 to " + MAX_TITLE + " characters");
    }
    JsonNode batches = body.path("batches");
    if (!batches.isArray() || batches.isEmpty() || batches.size() > MAX_BATCHES) {
      throw ProblemException.field(
          ProblemType.INVALID_REQUEST, "/batches", "1 to " + MAX_BATCHES + " batch ids");
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < batches.size(); i++) {
      if (!batches.get(i).isString()) {
        throw ProblemException.field(
            ProblemType.INVALID_REQUEST, "/batches/" + i, "a batch id (a string)");
      }
      ids.add(batches.get(i).asString());
    }
    for (Map.Entry<String, JsonNode> property : body.properties()) {
      if (!property.getKey().equals("title") && !property.getKey().equals("batches")) {
        throw ProblemException.field(
            ProblemType.INVALID_REQUEST, "/" + property.getKey(), "unknown property");
      }
    }
    RunSummary summary = db.read("summarise batches", c -> RunSummary.ofBatches(c, ids));
    URI url = webhook;
    boolean posted =
        url != null
            && slack.post(
                url,
                Map.of("text", summary.slackText("*" + RunSummary.escape(title.asString()) + "*")),
                "run report");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jobs", summary.jobs());
    out.put("unfinished", summary.unfinished());
    out.put("outcomes", summary.outcomes());
    out.put("driftByPageType", summary.driftByPageType());
    out.put("reconnect", summary.reconnect());
    out.put("reconnectCount", summary.reconnectCount());
    out.put("posted", posted);
    return out;
  }
}
