package dev.snscollector.proxypool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxySourcesTest {
  @TempDir Path dir;

  @Test
  void parsesHttpAndSocks5WithCredentials() {
    ProxyEndpoint http = ProxyEndpoint.parse("http://user:s3cret@proxy.test:3128");
    ProxyEndpoint socks = ProxyEndpoint.parse("SOCKS5://10.0.0.1:1080");

    assertThat(http)
        .isEqualTo(
            new ProxyEndpoint(ProxyEndpoint.Scheme.HTTP, "proxy.test", 3128, "user", "s3cret"));
    assertThat(http.id()).isEqualTo("http://user@proxy.test:3128");
    assertThat(socks.scheme()).isEqualTo(ProxyEndpoint.Scheme.SOCKS5);
    assertThat(socks.username()).isNull();
  }

  @Test
  void passwordsNeverAppearInToStringIdsOrParseErrors() {
    ProxyEndpoint endpoint = ProxyEndpoint.parse("http://user:s3cret@proxy.test:3128");

    assertThat(endpoint.toString())
        .isEqualTo("http://user:***@proxy.test:3128")
        .doesNotContain("s3cret");
    assertThat(endpoint.id()).doesNotContain("s3cret");
    assertThat(
            new ProxyPool(
                    StaticProxySource.of(endpoint), ProxyPoolConfig.defaults(), new FakeClock())
                .lease("a.test", null)
                .orElseThrow()
                .toString())
        .doesNotContain("s3cret");
    assertThatThrownBy(() -> ProxyEndpoint.parse("ftp://user:s3cret@proxy.test:21"))
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> ProxyEndpoint.parse("http://user:s3cret@proxy.test"))
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void fileSourceSkipsCommentsAndReloadsWhenTheFileChanges() throws IOException {
    Path file = dir.resolve("proxies.txt");
    Files.writeString(file, "# pool\n\nhttp://u:p@a.test:8080\nnot a proxy\n", UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    FakeClock clock = new FakeClock();
    FileProxySource source = new FileProxySource(file, clock, Duration.ofSeconds(5));

    assertThat(source.endpoints()).extracting(ProxyEndpoint::host).containsExactly("a.test");

    Files.writeString(file, "http://u:p@a.test:8080\nsocks5://b.test:1080 \n", UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:01:00Z")));
    clock.advance(Duration.ofSeconds(4));
    assertThat(source.endpoints()).as("checked at most every 5 s").hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(source.endpoints())
        .extracting(ProxyEndpoint::host)
        .containsExactly("a.test", "b.test");

    Files.delete(file);
    clock.advance(Duration.ofSeconds(5));
    assertThat(source.endpoints()).as("keeps the last good list").hasSize(2);
  }

  @Test
  void rotatingGatewayPutsTheSessionIdInTheUsername() {
    ProxyEndpoint gateway = ProxyEndpoint.parse("http://user:pw@gw.test:7000");
    RotatingGatewaySource source = new RotatingGatewaySource(gateway);
    ProxyPool pool = new ProxyPool(source, ProxyPoolConfig.defaults(), new FakeClock());

    ProxyLease sticky = pool.lease("a.test", "job42").orElseThrow();
    assertThat(sticky.endpoint().username()).isEqualTo("user-session-job42");
    assertThat(sticky.endpoint().password()).isEqualTo("pw");
    assertThat(sticky.proxyId()).isEqualTo(gateway.id());
    assertThat(pool.lease("b.test", null).orElseThrow().endpoint()).isEqualTo(gateway);

    String hashed = source.bindSession(gateway, "job 42/é").username();
    assertThat(hashed).matches("user-session-[0-9a-f]{16}");
    assertThat(source.bindSession(gateway, "job 42/é").username()).isEqualTo(hashed);

    RotatingGatewaySource custom =
        new RotatingGatewaySource(gateway, "customer-user-sessid-{session}");
    assertThat(custom.bindSession(gateway, "abc").username()).isEqualTo("customer-user-sessid-abc");
  }
}
