package dev.snscollector.worker.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.capture.Capture;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.worker.route.PageRequest;
import dev.snscollector.worker.testing.DirectCrawl;
import dev.snscollector.worker.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Redirects inside the crawl's interceptor chain: each hop goes to the stand-in for the site it
 * names, carries the cookies the previous hop set, and the page is recorded under the site's last
 * URL; a redirect to a login page is the answer.
 */
class RedirectInterceptorTest {
  private static final Path FIXTURES =
      Path.of(System.getProperty("sns.project.dir", "..")).resolve("fixtures");

  @Test
  void hopsKeepTheSessionAndThePageIsRecordedUnderTheSitesLastUrl() {
    List<FixtureOrigin.Request> seen = new CopyOnWriteArrayList<>();
    try (FixtureOrigin origin =
            FixtureOrigin.builder(FIXTURES)
                .interceptor(
                    r -> {
                      seen.add(r);
                      return switch (r.path()) {
                        case "/old.name" ->
                            Optional.of(
                                redirect(
                                    "https://m.blog.naver.com/new.name?tab=1",
                                    "NNB=session-cookie; Path=/; Domain=naver.com"));
                        case "/new.name" -> Optional.of(redirect("/new.name/home", null));
                        case "/new.name/home" ->
                            Optional.of(
                                new FixtureOrigin.Response(
                                    200,
                                    Map.of("content-type", "text/html; charset=utf-8"),
                                    "<html>home</html>".getBytes(StandardCharsets.UTF_8)));
                        case "/walled" ->
                            Optional.of(
                                redirect("https://nid.naver.com/nidlogin.login?url=x", null));
                        default -> Optional.empty();
                      };
                    })
                .build()
                .start();
        CrawlFetcher crawl =
            DirectCrawl.through(DirectCrawl.pool(new MutableClock()), origin, new MutableClock())) {
      Capture page =
          crawl.fetch(
              new PageRequest("GET", "https://blog.naver.com/old.name", Map.of(), null, ""),
              "job-1");

      assertThat(page.status()).isEqualTo(200);
      assertThat(page.url()).isEqualTo("https://m.blog.naver.com/new.name/home");
      assertThat(seen)
          .extracting(r -> r.host() + r.path())
          .containsExactly(
              "blog.naver.com/old.name",
              "m.blog.naver.com/new.name",
              "m.blog.naver.com/new.name/home");
      assertThat(seen.get(1).headers()).containsEntry("cookie", "NNB=session-cookie");
      assertThat(seen.get(2).headers())
          .as("every hop has the session's header profile")
          .containsKey("user-agent");

      seen.clear();
      Capture wall =
          crawl.fetch(
              new PageRequest("GET", "https://blog.naver.com/walled", Map.of(), null, ""), "job-2");
      assertThat(wall.status()).isEqualTo(302);
      assertThat(wall.url()).isEqualTo("https://blog.naver.com/walled");
      assertThat(seen).as("the login page is never fetched").hasSize(1);
      assertThat(seen.getFirst().headers())
          .as("another session: no cookie of the first")
          .doesNotContainKey("cookie");
    }
  }

  private static FixtureOrigin.Response redirect(String location, String setCookie) {
    return new FixtureOrigin.Response(
        302,
        setCookie == null
            ? Map.of("location", location)
            : Map.of("location", location, "set-cookie", setCookie),
        new byte[0]);
  }
}
