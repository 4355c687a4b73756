package dev.snscollector.proxypool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyPoolTest {
  private static final ProxyEndpoint A = ProxyEndpoint.parse("http://a.test:8080");
  private static final ProxyEndpoint B = ProxyEndpoint.parse("socks5://b.test:1080");
  private static final Duration FAST = Duration.ofMillis(100);
  private static final String SITE = "Example.com";

  private final FakeClock clock = new FakeClock();

  /** No politeness delay, so tests about other policies can lease back to back. */
  private static ProxyPoolConfig config() {
    return ProxyPoolConfig.defaults().withPerDomainInterval(Duration.ZERO);
  }

  private ProxyPool pool(ProxyPoolConfig config, ProxyEndpoint... endpoints) {
    return new ProxyPool(StaticProxySource.of(endpoints), config, clock);
  }

  private static ProxyLease leaseOf(Optional<ProxyLease> lease) {
    assertThat(lease).isPresent();
    return lease.orElseThrow();
  }

  @Test
  void bannedProxyCoolsDownSoTheNextLeasesGoToTheOtherAndComeBackAfterTheCooldown() {
    ProxyPool pool = pool(config().withMaxLeasesPerProxy(1), A, B);
    ProxyLease first = leaseOf(pool.lease(SITE, null));
    assertThat(first.endpoint()).isEqualTo(A);
    first.release(LeaseOutcome.BANNED, FAST);

    ProxyLease onB = leaseOf(pool.lease(SITE, null));
    assertThat(onB.endpoint()).isEqualTo(B);
    // B is at its cap and A is cooling down: nothing now.
    assertThat(pool.lease(SITE, null)).isEmpty();
    assertThat(pool.stats().get(0).cooldownUntil())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

    clock.advance(Duration.ofMinutes(1));
    assertThat(leaseOf(pool.lease(SITE, null)).endpoint()).isEqualTo(A);
  }

  @Test
  void aBanIsPerTargetDomain() {
    ProxyPool pool = pool(config(), A);
    leaseOf(pool.lease("banned.test", null)).release(LeaseOutcome.BANNED, FAST);

    assertThat(pool.lease("banned.test", null)).isEmpty();
    assertThat(leaseOf(pool.lease("other.test", null)).endpoint()).isEqualTo(A);
  }

  @Test
  void backoffDoublesOnRepeatedBansUpToTheCapAndResetsAfterSuccesses() {
    ProxyPoolConfig config =
        config()
            .withCooldown(Duration.ofMinutes(1), Duration.ofMinutes(5))
            .withSuccessesToResetBackoff(2);
    ProxyPool pool = pool(config, A);
    List<Duration> cooldowns = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.BANNED, FAST);
      Duration cooldown = Duration.between(clock.instant(), pool.stats().get(0).cooldownUntil());
      cooldowns.add(cooldown);
      clock.advance(cooldown.minusSeconds(1));
      assertThat(pool.lease(SITE, null)).as("still cooling down").isEmpty();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(cooldowns)
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5));

    leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.OK, FAST);
    leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.OK, FAST);
    leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.BANNED, FAST);
    assertThat(pool.stats().get(0).cooldownUntil())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
  }

  @Test
  void rateLimitHonoursTheRetryAfterHint() {
    ProxyPool pool = pool(config(), A);
    leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.RATE_LIMITED, FAST, Duration.ofMinutes(3));

    assertThat(pool.stats().get(0).rateLimits()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(2));
    assertThat(pool.lease(SITE, null)).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(pool.lease(SITE, null)).isPresent();
  }

  @Test
  void circuitOpensAfterConsecutiveConnectFailuresThenHalfOpensForOneTrial() {
    ProxyPool pool = pool(config().withCircuit(3, Duration.ofSeconds(30)), A);
    leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.CONNECT_FAILED, FAST);
    leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.TIMED_OUT, FAST);
    assertThat(pool.stats().get(0).state()).isEqualTo(CircuitState.CLOSED);
    leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.CONNECT_FAILED, FAST);

    assertThat(pool.stats().get(0).state()).isEqualTo(CircuitState.OPEN);
    assertThat(pool.lease("any.test", null)).as("open for every domain").isEmpty();

    clock.advance(Duration.ofSeconds(30));
    ProxyLease trial = leaseOf(pool.lease(SITE, null));
    assertThat(pool.stats().get(0).state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(pool.lease(SITE, null)).as("one trial at a time").isEmpty();

    trial.release(LeaseOutcome.CONNECT_FAILED, FAST);
    assertThat(pool.stats().get(0).state()).isEqualTo(CircuitState.OPEN);
    assertThat(pool.lease(SITE, null)).isEmpty();

    clock.advance(Duration.ofSeconds(30));
    leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.OK, FAST);
    assertThat(pool.stats().get(0).state()).isEqualTo(CircuitState.CLOSED);
    assertThat(pool.lease(SITE, null)).isPresent();
  }

  @Test
  void concurrentLeasesPerProxyAreCapped() {
    ProxyPool pool = pool(config().withMaxLeasesPerProxy(2), A);
    ProxyLease one = leaseOf(pool.lease(SITE, null));
    leaseOf(pool.lease(SITE, null));

    assertThat(pool.lease(SITE, null)).isEmpty();
    assertThat(pool.stats().get(0).inFlight()).isEqualTo(2);

    one.release(LeaseOutcome.OK, FAST);
    one.release(LeaseOutcome.OK, FAST); // a second release is ignored
    assertThat(pool.stats().get(0).inFlight()).isEqualTo(1);
    assertThat(pool.lease(SITE, null)).isPresent();
    assertThat(pool.lease(SITE, null)).isEmpty();
  }

  @Test
  void politenessSpacesLeasesForTheSameDomainThroughTheSameProxy() {
    ProxyPool pool = pool(config().withPerDomainInterval(Duration.ofSeconds(2)), A);
    leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.OK, FAST);

    assertThat(pool.lease("example.com", null)).as("same domain, any case").isEmpty();
    assertThat(pool.lease("other.test", null)).as("another domain").isPresent();
    clock.advance(Duration.ofMillis(1999));
    assertThat(pool.lease(SITE, null)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(pool.lease(SITE, null)).isPresent();
  }

  @Test
  void stickySessionKeepsItsProxyAndMovesWhenThatProxyIsBanned() {
    ProxyPool pool = pool(config(), A, B);
    ProxyLease first = leaseOf(pool.lease(SITE, "job-1"));
    ProxyEndpoint sticky = first.endpoint();
    first.release(LeaseOutcome.OK, FAST);
    for (int i = 0; i < 3; i++) {
      ProxyLease next = leaseOf(pool.lease(SITE, "job-1"));
      assertThat(next.endpoint()).isEqualTo(sticky);
      next.release(LeaseOutcome.OK, FAST);
    }

    leaseOf(pool.lease(SITE, "job-1")).release(LeaseOutcome.BANNED, FAST);
    ProxyEndpoint moved = leaseOf(pool.lease(SITE, "job-1")).endpoint();
    assertThat(moved).isNotEqualTo(sticky);
    clock.advance(Duration.ofHours(1));
    assertThat(leaseOf(pool.lease(SITE, "job-1")).endpoint())
        .as("stays on its new proxy after the old one recovers")
        .isEqualTo(moved);
  }

  @Test
  void stickySessionWaitsRatherThanMovesWhenItsProxyIsOnlyBusy() {
    ProxyPool pool = pool(config().withMaxLeasesPerProxy(1), A, B);
    ProxyLease held = leaseOf(pool.lease(SITE, "job-1"));

    assertThat(pool.lease(SITE, "job-1")).isEmpty();
    assertThat(leaseOf(pool.lease(SITE, null)).endpoint()).isNotEqualTo(held.endpoint());
  }

  @Test
  void noHealthyProxyMeansEmptyNotAnError() {
    ProxyPool pool = pool(config(), A, B);
    leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.BANNED, FAST);
    leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.BANNED, FAST);

    assertThat(pool.lease(SITE, null)).isEmpty();
    assertThat(pool.lease(SITE, "job-1")).isEmpty();
    assertThat(pool(config()).lease(SITE, null)).as("no proxies, no direct").isEmpty();
  }

  @Test
  void directModeLeasesTheDirectRouteWhenNoProxiesAreConfigured() {
    ProxyPool pool = pool(config().withAllowDirect(true));
    ProxyLease lease = leaseOf(pool.lease(SITE, "job-1"));

    assertThat(lease.endpoint().isDirect()).isTrue();
    assertThat(lease.endpoint()).isEqualTo(ProxyEndpoint.direct());
    lease.release(LeaseOutcome.OK, FAST);
    assertThat(pool.stats()).singleElement().extracting(ProxyStats::successes).isEqualTo(1L);
  }

  @Test
  void healthierProxyWinsAndLeastRecentlyUsedBreaksTies() {
    ProxyPool pool = pool(config(), A, B);
    ProxyLease first = leaseOf(pool.lease(SITE, null));
    ProxyLease second = leaseOf(pool.lease(SITE, null));
    assertThat(List.of(first.endpoint(), second.endpoint())).containsExactly(A, B);

    first.release(LeaseOutcome.OK, Duration.ofSeconds(3));
    second.release(LeaseOutcome.OK, Duration.ofMillis(50));
    for (int i = 0; i < 3; i++) {
      ProxyLease next = leaseOf(pool.lease(SITE, null));
      assertThat(next.endpoint()).as("faster proxy").isEqualTo(B);
      next.release(LeaseOutcome.OK, Duration.ofMillis(50));
    }
  }

  @Test
  void statsCountLeasesAndOutcomes() {
    ProxyPool pool = pool(config(), A);
    leaseOf(pool.lease(SITE, null)).release(LeaseOutcome.OK, FAST);
    leaseOf(pool.lease("b.test", null)).release(LeaseOutcome.BANNED, FAST);
    leaseOf(pool.lease("c.test", null)).release(LeaseOutcome.TIMED_OUT, FAST);
    leaseOf(pool.lease("d.test", null));

    assertThat(pool.stats())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.proxyId()).isEqualTo("http://a.test:8080");
              assertThat(s.leases()).isEqualTo(4);
              assertThat(s.successes()).isEqualTo(1);
              assertThat(s.bans()).isEqualTo(1);
              assertThat(s.failures()).isEqualTo(1);
              assertThat(s.inFlight()).isEqualTo(1);
              assertThat(s.state()).isEqualTo(CircuitState.CLOSED);
              assertThat(s.cooldownUntil()).isNotNull();
            });
  }
}
