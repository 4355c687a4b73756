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

    // At 10 s the next round starts by 20 s and finishes by its end: with a period's margin, the
    // jobs that run out by 30 s are due; 35 s and 59 s can wait.
    assertThat(leases.due(List.of(fresh, old, older), 10 * S)).containsExactly(older);

    leases.extended(List.of(older), Duration.ofSeconds(30), 10 * S, 11 * S);
    // At 30 s, after a 1 s round: due by 52 s, soonest first (35 s, then 40 s); 59 s waits.
    assertThat(leases.due(List.of(fresh, old, older), 30 * S)).containsExactly(old, older);
  }

  @Test
  void slowRoundsLengthenTheLeaseUpToItsCap() {
    Leases leases = new Leases(Duration.ofSeconds(30), Duration.ofSeconds(10));
    assertThat(leases.lease()).isEqualTo(Duration.ofSeconds(30));

    QueuedMessage m = message("m");
    leases.received(m, 0);
    leases.extended(List.of(m), leases.lease(), 10 * S, 50 * S); // a 40 s round
    assertThat(leases.lease()).isEqualTo(Duration.ofSeconds(3 * 10 + 4 * 40));

    leases.extended(List.of(m), leases.lease(), 60 * S, 60 * S + 1_000 * S); // a 1,000 s round
    assertThat(leases.lease()).isEqualTo(Leases.MAX_LEASE);

    leases.extended(List.of(m), leases.lease(), 2_000 * S, 2_000 * S + S / 10); // fast again
    assertThat(leases.lease()).isEqualTo(Duration.ofSeconds(30));
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
}
