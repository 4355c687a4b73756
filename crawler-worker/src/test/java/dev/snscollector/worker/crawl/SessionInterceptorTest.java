package dev.snscollector.worker.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.worker.testing.DirectCrawl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The crawl's session interceptor against a real origin: each request carries the header profile, a
 * session gets back the cookies the site set for it and no other session sees them, and an ended
 * session starts without them. Cookies belong to the site's URL, not the local stand-in's.
 */
class SessionInterceptorTest {
  @Test
  void aSessionGetsItsCookiesBackAnotherDoesNotAndEveryRequestCarriesTheProfile() throws Exception {
    List<FixtureOrigin.Request> seen = new CopyOnWriteArrayList<>();
    Path empty = Files.createTempDirectory("session-origin");
    Clock clock = Clock.systemUTC();
    try (FixtureOrigin origin =
        FixtureOrigin.builder(empty)
            .interceptor(
                r -> {
                  seen.add(r);
                  Map<String, String> headers =
                      r.path().equals("/set")
                          ? Map.of(
                              "content-type",
                              "text/html",
                              "set-cookie",
                              "sid=abc123; Path=/; HttpOnly")
                          : Map.of("content-type", "text/html");
                  return Optional.of(
                      new FixtureOrigin.Response(
                          200,
                          headers,
                          "<html>ok</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                })
            .build()
            .start()) {
      ProxyPool direct = DirectCrawl.pool(clock);
      try (CrawlFetcher crawl = DirectCrawl.through(direct, origin, clock)) {
        crawl.fetch("https://www.tiktok.com/set", "job-1/crawl", null);
        crawl.fetch("https://www.tiktok.com/next", "job-1/crawl", null);
        crawl.fetch("https://www.tiktok.com/next", "job-2/crawl", null);
        crawl.endSession("job-1/crawl");
        crawl.fetch("https://www.tiktok.com/next", "job-1/crawl", null);
      }
    }
    assertThat(seen).hasSize(4);
    assertThat(seen.get(0).headers()).doesNotContainKey("cookie");
    assertThat(seen.get(1).headers()).containsEntry("cookie", "sid=abc123");
    assertThat(seen.get(2).headers()).as("another session").doesNotContainKey("cookie");
    assertThat(seen.get(3).headers()).as("the session ended").doesNotContainKey("cookie");
    assertThat(seen)
        .allSatisfy(
            r -> {
              assertThat(r.headers().get("user-agent")).contains("Chrome/142");
              assertThat(r.headers().get("accept-language")).startsWith("ko-KR");
            });
  }
}
