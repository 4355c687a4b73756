package dev.snscollector.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.fixtures.LocalForwardProxy;
import dev.snscollector.proxypool.ProxyEndpoint;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.proxypool.ProxyPoolConfig;
import dev.snscollector.proxypool.StaticProxySource;
import dev.snscollector.worker.crawl.ProxyUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browser route through a real HTTP forward proxy on 127.0.0.1, with bans fed back. */
class BrowserProxyTest {
  private static final Path PROJECT = Path.of(System.getProperty("sns.project.dir", ".."));

  private static RenderingOrigin origin;
  private static LocalForwardProxy proxy;
  private static BrowserFetcher fetcher;
  private static BrowserConfig config;

  @BeforeAll
  static void start() throws Exception {
    config = BrowserConfig.fromEnvironment(System.getenv()).withPageTimeout(Duration.ofSeconds(10));
    assumeTrue(
        config.executableAvailable(),
        "no Chromium at "
            + config.executable()
            + ": install Debian's chromium or set BROWSER_EXECUTABLE to run the browser tests");
    origin = new RenderingOrigin(PROJECT);
    proxy = new LocalForwardProxy();
    ProxyPool pool =
        new ProxyPool(
            new StaticProxySource(List.of(ProxyEndpoint.http("127.0.0.1", proxy.port()))),
            ProxyPoolConfig.defaults().withPerDomainInterval(Duration.ZERO),
            Clock.systemUTC());
    fetcher = new BrowserFetcher(pool, config, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (fetcher != null) {
      fetcher.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  @Test
  void thePageAndTheRequestsItMakesGoThroughTheLeasedProxy() {
    int before = proxy.forwarded.get();

    RenderedPage page = fetcher.render(origin.url("/plain"), "job-proxy", null);

    assertThat(page.document().bodyText()).contains("rendered by script");
    assertThat(page.responses()).hasSize(1);
    assertThat(proxy.forwarded.get() - before).as("the page and its JSON").isEqualTo(2);
  }

  @Test
  void aBanPageIsReturnedForTheParsersAndCoolsTheProxyDownForThatSite() {
    // Another host name than the other tests' 127.0.0.1: cooldowns are per proxy and site.
    String url = origin.url("/plain").replace("127.0.0.1", "localhost");
    proxy.banning.set(true);
    try {
      RenderedPage page = fetcher.render(url, "job-ban", null);
      assertThat(page.document().status()).isEqualTo(403);
      assertThat(page.document().bodyText()).contains("Access Denied");

      assertThatThrownBy(() -> fetcher.render(url, "job-ban", null))
          .isInstanceOf(ProxyUnavailableException.class);
    } finally {
      proxy.banning.set(false);
    }
  }

  @Test
  void aSocks5ProxyWithCredentialsIsRefusedWithAClearReason() {
    ProxyPool socks =
        new ProxyPool(
            new StaticProxySource(List.of(ProxyEndpoint.parse("socks5://user:pw@127.0.0.1:1"))),
            ProxyPoolConfig.defaults(),
            Clock.systemUTC());
    try (BrowserFetcher socksFetcher = new BrowserFetcher(socks, config, Clock.systemUTC())) {
      assertThatThrownBy(() -> socksFetcher.render(origin.url("/plain"), null, null))
          .isInstanceOfSatisfying(
              UnsupportedProxyException.class,
              e -> {
                assertThat(e.proxyId()).isEqualTo("socks5://user@127.0.0.1:1");
                assertThat(e.getMessage())
                    .contains("Chromium cannot authenticate to SOCKS5")
                    .doesNotContain("pw");
              });
    }
  }
}
