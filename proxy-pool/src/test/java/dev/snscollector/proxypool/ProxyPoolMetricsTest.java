package dev.snscollector.proxypool;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProxyPoolMetricsTest {
  @Test
  void metersFollowThePoolPerProxyWithoutPasswords() {
    ProxyEndpoint a = ProxyEndpoint.parse("http://user:s3cret@a.test:8080");
    ProxyPool pool =
        new ProxyPool(StaticProxySource.of(a), ProxyPoolConfig.defaults(), new FakeClock());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProxyPoolMetrics metrics = new ProxyPoolMetrics(pool, registry);

    pool.lease("x.test", null).orElseThrow().release(LeaseOutcome.BANNED, Duration.ZERO);
    ProxyLease held = pool.lease("y.test", null).orElseThrow();
    metrics.registerNewProxies();
    metrics.registerNewProxies();

    String proxy = "http://user@a.test:8080";
    assertThat(registry.get("proxypool.leases").tag("proxy", proxy).functionCounter().count())
        .isEqualTo(2);
    assertThat(
            registry
                .get("proxypool.outcomes")
                .tags("proxy", proxy, "outcome", "banned")
                .functionCounter()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("proxypool.in_flight").gauge().value()).isEqualTo(1);
    assertThat(registry.get("proxypool.cooling_down").gauge().value()).isEqualTo(1);
    assertThat(registry.getMetersAsString()).doesNotContain("s3cret");
    held.release(LeaseOutcome.OK, Duration.ZERO);
    assertThat(registry.get("proxypool.in_flight").gauge().value()).isZero();
  }
}
