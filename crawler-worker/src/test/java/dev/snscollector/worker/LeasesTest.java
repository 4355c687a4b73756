package dev.snscollector.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.worker.queue.QueuedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeasesTest {
  private static final long S = 1_000_000_000L;

  private static QueuedMessage message(String receipt) {
    return new QueuedMessage("id-" + receipt, receipt, "{}", 1, Instant.EPOCH, null, 0, false);
  }

  @Test
  void aRoundExtendsOnlyTheJobsThatCouldRunOutBeforeTheNextOneSoonestFirst() {
    Leases leases = new Leases(Duration.ofSeconds(30), Duration.ofSeconds(10));
    QueuedMessage old = message("old");
    QueuedMessage fresh = message("fresh");
    QueuedMessage older = message("older");
    leases.received(older, 0);
    leases.received(old, 5 * S);
    leases.received(fresh, 29 * S);

    // The first round, at 10 s, has measured no round: it assumes this one and the next take a
    // period each, so the next ends by 40 s and, with a period's margin, the jobs that run out by
    // 50 s are due, soonest first (30 s, then 35 s); 59 s can wait.
    assertThat(leases.due(List.of(fresh, old, older), 10 * S)).containsExactly(older, old);

    leases.extended(List.of(older), Duration.ofSeconds(30), 10 * S, 11 * S);
    // Until the rounds remembered have all been measured, the assumed period still counts: at
    // 20 s, due by 60 s.
    assertThat(leases.due(List.of(fresh, old, older), 20 * S)).containsExactly(old, older, fresh);
    fastRounds(leases, Leases.ROUNDS_REMEMBERED - 1, 12 * S);
    // At 30 s, every remembered round 1 s long: due by 52 s, soonest first (35 s, then 40 s); 59 s
    // waits.
    assertThat(leases.due(List.of(fresh, old, older), 30 * S)).containsExactly(old, older);
  }

  /** {@code n} rounds of 1 s that extend nothing, one a second from {@code from}. */
  private static void fastRounds(Leases leases, int n, long from) {
    for (int i = 0; i < n; i++) {
      leases.extended(List.of(), leases.lease(), from + i * S, from + (i + 1) * S);
    }
  }

  @Test
  void slowRoundsLengthenTheLeaseUpToItsCap() {
    Leases leases = new Leases(Duration.ofSeconds(30), Duration.ofSeconds(10));
    // Before any round is measured, one is assumed to take a period: 3 × 10 + 4 × 10.
    assertThat(leases.lease()).isEqualTo(Duration.ofSeconds(70));

    QueuedMessage m = message("m");
    leases.received(m, 0);
    leases.extended(List.of(m), leases.lease(), 10 * S, 50 * S); // a 40 s round
    assertThat(leases.lease()).isEqualTo(Duration.ofSeconds(3 * 10 + 4 * 40));

    leases.extended(List.of(m), leases.lease(), 60 * S, 60 * S + 1_000 * S); // a 1,000 s round
    assertThat(leases.lease()).isEqualTo(Leases.MAX_LEASE);

    // Fast again: the slow round is remembered until as many fast ones have followed as rounds
    // are remembered, since a queue's slowness comes in bursts.
    fastRounds(leases, Leases.ROUNDS_REMEMBERED - 1, 2_000 * S);
    assertThat(leases.lease()).isEqualTo(Leases.MAX_LEASE);
    fastRounds(leases, 1, 2_100 * S);
    assertThat(leases.lease()).isEqualTo(Duration.ofSeconds(3 * 10 + 4));
  }

  @Test
  void aFinishedJobIsForgotten() {
    Leases leases = new Leases(Duration.ofSeconds(30), Duration.ofSeconds(10));
    QueuedMessage m = message("m");
    leases.received(m, 0);
    leases.finished(m);
    // Still in a heartbeat's snapshot taken before it ended: never extended again, or a message
    // the job deferred or gave back would be hidden for another lease.
    assertThat(leases.due(List.of(m), 100 * S)).isEmpty();
  }

  @Test
  void theFirstRoundAfterQuietTimesStillLeavesTheNextRoundTimeWhenItIsSlow() {
    Leases leases = new Leases(Duration.ofSeconds(30), Duration.ofSeconds(10));
    QueuedMessage early = message("early");
    QueuedMessage later = message("later");
    leases.received(early, 0);
    leases.received(later, 5 * S); // runs out at 35 s

    // The first round, at 10 s, takes 13 s (thousands of jobs, a slow queue); the next starts a
    // period after, at 33 s. Had the first left the later job out, it would have 2 s left then.
    List<QueuedMessage> first = leases.due(List.of(early, later), 10 * S);
    assertThat(first).containsExactly(early, later);
    leases.extended(first, leases.lease(), 10 * S, 23 * S);

    // Both now run until 80 s (a 70 s lease from 10 s): the round at 33 s can leave them, and the
    // one after it (46 s + a period) takes them with more than 20 s to spare.
    assertThat(leases.due(List.of(early, later), 33 * S)).isEmpty();
    leases.extended(List.of(), leases.lease(), 33 * S, 46 * S);
    assertThat(leases.due(List.of(early, later), 56 * S)).containsExactly(early, later);
  }
}
