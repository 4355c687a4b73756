package dev.snscollector.api.slack;

import dev.snscollector.contracts.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a message to Slack: to an incoming webhook (a channel's URL, {@code SLACK_WEBHOOK_URL}) or
 * to a command's {@code response_url}. Both are JSON POSTs answered {@code 200 ok}. The URLs are
 * secrets (whoever holds one can post to the channel): they are never logged.
 */
public final class SlackPoster {
  private static final Logger log = LoggerFactory.getLogger(SlackPoster.class);

  private final HttpClient http;
  private final Duration timeout;

  public SlackPoster(Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
  }

  /**
   * Posts {@code message} (Slack's message JSON: {@code text}, {@code blocks}, {@code
   * replace_original}, ...) to {@code url}.
   *
   * @param what the message's purpose, for the log
   * @return whether Slack took it (a 2xx answer)
   */
  public boolean post(URI url, Object message, String what) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(url)
                  .timeout(timeout)
                  .header("Content-Type", "application/json; charset=utf-8")
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          Json.MAPPER.writeValueAsBytes(message)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        log.warn("Slack refused the {}: HTTP {}", what, response.statusCode());
        return false;
      }
      return true;
    } catch (IOException e) {
      log.warn("could not post the {} to Slack: {}", what, e.getClass().getSimpleName());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
