package dev.snscollector.api;

import dev.snscollector.contracts.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A plain HTTP client for tests, as any platform client would call the service. */
final class TestHttp {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;

  TestHttp(URI base) {
    this.base = base;
  }

  /** What came back. */
  record Reply(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      return Json.MAPPER.readTree(body);
    }

    String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }
  }

  Reply get(String path, @Nullable String key) {
    return send(request(path, key).GET());
  }

  Reply delete(String path, @Nullable String key) {
    return send(request(path, key).DELETE());
  }

  Reply post(String path, @Nullable String key, String body, String... headers) {
    return send(body(request(path, key), "POST", body.getBytes(StandardCharsets.UTF_8), headers));
  }

  Reply post(String path, @Nullable String key, byte[] body, String... headers) {
    return send(body(request(path, key), "POST", body, headers));
  }

  /**
   * POST with {@code Expect: 100-continue}, as a client does before a large upload: a server that
   * refuses the body from its declared length answers before any of it is sent. Without it, the
   * refusal and the connection's close race the upload, and the client may see the connection reset
   * instead of the answer.
   */
  Reply postAskingFirst(String path, @Nullable String key, String body) {
    return send(
        body(request(path, key), "POST", body.getBytes(StandardCharsets.UTF_8))
            .expectContinue(true));
  }

  Reply put(String path, @Nullable String key, String body) {
    return send(body(request(path, key), "PUT", body.getBytes(StandardCharsets.UTF_8)));
  }

  private static HttpRequest.Builder body(
      HttpRequest.Builder b, String method, byte[] body, String... headers) {
    b.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  private HttpRequest.Builder request(String path, @Nullable String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  private static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
