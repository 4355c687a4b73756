package dev.snscollector.launcher;

import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The few calls the launcher makes to collector-api, as any platform client would make them. */
final class ApiClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String key;

  ApiClient(URI base, String key) {
    this.base = base;
    this.key = key;
  }

  URI base() {
    return base;
  }

  String key() {
    return key;
  }

  /**
   * An account named by its id alone, as the API takes it in a job: the API holds the creator's
   * token and adds the sealed one when it sends the job (see {@link #putToken}).
   */
  static JobMessage.Account account(String accountId) {
    return new JobMessage.Account(accountId, "");
  }

  /**
   * {@code POST /v1/jobs/batch}; the answer (batchId, accepted, rejected, items). A job's account
   * goes as {@code {"accountId"}} alone, whatever sealed token it holds.
   */
  JsonNode submitBatch(List<JobMessage> jobs) {
    StringBuilder body = new StringBuilder(jobs.size() * 200).append("{\"jobs\":[");
    for (int i = 0; i < jobs.size(); i++) {
      JobMessage job = jobs.get(i);
      String json = JobCodec.encode(job);
      if (job.account() != null) {
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(json);
        node.putObject("account").put("accountId", job.account().accountId());
        json = node.toString();
      }
      body.append(i == 0 ? "" : ",").append(json);
    }
    body.append("]}");
    return send(
        HttpRequest.newBuilder(base.resolve("/v1/jobs/batch"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)),
        202);
  }

  /**
   * {@code PUT /v1/accounts/{platform}/{accountId}/token}: the API seals the token and stores it;
   * the answer is the account (never the token).
   */
  JsonNode putToken(Platform platform, String accountId, String token) {
    return putToken(platform, accountId, Json.MAPPER.createObjectNode().put("token", token));
  }

  /**
   * As {@link #putToken(Platform, String, String)}, with the token's expiry and the refresh token
   * the API renews it with (YouTube, TikTok).
   */
  JsonNode putToken(
      Platform platform, String accountId, String token, Instant expiresAt, String refreshToken) {
    return putToken(
        platform,
        accountId,
        Json.MAPPER
            .createObjectNode()
            .put("token", token)
            .put("expiresAt", expiresAt.toString())
            .put("refreshToken", refreshToken));
  }

  private JsonNode putToken(Platform platform, String accountId, ObjectNode body) {
    return send(
        HttpRequest.newBuilder(
                base.resolve(
                    "/v1/accounts/"
                        + platform.wireName()
                        + "/"
                        + URLEncoder.encode(accountId, StandardCharsets.UTF_8)
                        + "/token"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)),
        200);
  }

  /** {@code GET} a path (with its query); the JSON answer. */
  JsonNode get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET(), 200);
  }

  /** {@code POST} a JSON body to a path; the JSON answer, which must come with {@code expected}. */
  JsonNode post(String path, JsonNode body, int expected) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)),
        expected);
  }

  /** {@code DELETE} a path; the JSON answer, which must come with 200. */
  JsonNode delete(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE(), 200);
  }

  /** The status a {@code GET} of a path answers with, whatever it is. */
  int status(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(base.resolve(path))
                  .header("Authorization", "Bearer " + key)
                  .timeout(Duration.ofSeconds(60))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException("collector-api at " + base + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** {@code GET} a path that answers JSON lines ({@code /v1/jobs/{id}/records}); one per line. */
  List<JsonNode> lines(String path) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : text(HttpRequest.newBuilder(base.resolve(path)).GET(), 200).split("\n")) {
      if (!line.isBlank()) {
        out.add(Json.MAPPER.readTree(line));
      }
    }
    return out;
  }

  /** Every job a {@code GET /v1/jobs?<query>} lists, page after page. */
  void eachJob(String query, Consumer<JsonNode> job) {
    String cursor = null;
    do {
      JsonNode page =
          get("/v1/jobs?" + query + "&limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
      page.path("items").forEach(job);
      cursor = page.path("nextCursor").isString() ? page.path("nextCursor").stringValue() : null;
    } while (cursor != null);
  }

  /** How many jobs a {@code GET /v1/jobs?<query>} lists. */
  int count(String query) {
    List<JsonNode> all = new ArrayList<>();
    eachJob(query, all::add);
    return all.size();
  }

  private JsonNode send(HttpRequest.Builder request, int expected) {
    return Json.MAPPER.readTree(text(request, expected));
  }

  private String text(HttpRequest.Builder request, int expected) {
    try {
      HttpResponse<String> r =
          http.send(
              request
                  .header("Authorization", "Bearer " + key)
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() != expected) {
        throw new IllegalStateException(
            "collector-api answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new UncheckedIOException("collector-api at " + base + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
