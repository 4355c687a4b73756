package dev.snscollector.worker.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.fixtures.FixtureOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {
  private static final long MIB = 1 << 20;

  @Test
  void aJobWaitsForRoomAndAJobThatHoldsBytesNeverDoes() throws Exception {
    BodyBudget budget = BodyBudget.of(MIB);
    BodyBudget.Held first = new BodyBudget.Held();
    ScopedValue.where(BodyBudget.JOB, first)
        .call(
            () -> {
              budget.reserve(900 * 1024).settle(900 * 1024);
              // Its second page: over the capacity, admitted at once.
              budget.reserve(512 * 1024).settle(512 * 1024);
              return null;
            });
    assertThat(budget.inUse()).isEqualTo(1412 * 1024);
    assertThat(first.bytes()).isEqualTo(1412 * 1024);

    BodyBudget.Held second = new BodyBudget.Held();
    CompletableFuture<Void> admitted =
        CompletableFuture.runAsync(
            () ->
                ScopedValue.where(BodyBudget.JOB, second)
                    .run(
                        () -> {
                          try {
                            budget.reserve(200 * 1024);
                          } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                          }
                        }));
    Thread.sleep(300);
    assertThat(admitted).isNotDone();
    assertThat(budget.waits()).isEqualTo(1);

    budget.release(first);
    admitted.get(5, TimeUnit.SECONDS);
    assertThat(budget.inUse()).isEqualTo(200 * 1024);
    assertThat(second.bytes()).isEqualTo(200 * 1024);
  }

  @Test
  void roomFollowsTheDeclaredLengthThenTheBodyAndAFailedRequestGivesItBack() throws Exception {
    BodyBudget budget = BodyBudget.of(8 * MIB);
    BodyBudget.Held job = new BodyBudget.Held();
    ScopedValue.where(BodyBudget.JOB, job)
        .call(
            () -> {
              BodyBudget.Reservation room = budget.reserve(-1); // no body seen yet: 1 MiB
              assertThat(budget.inUse()).isEqualTo(MIB);
              room.resize(543 * 1024);
              assertThat(budget.inUse()).isEqualTo(543 * 1024);
              room.settle(540 * 1024);
              assertThat(job.bytes()).isEqualTo(540 * 1024);

              BodyBudget.Reservation failed = budget.reserve(-1);
              failed.cancel();
              return null;
            });
    assertThat(budget.inUse()).isEqualTo(540 * 1024);
    budget.release(job);
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void aFetchWaitingForRoomHasNotSentItsRequest() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    Path empty = Files.createTempDirectory("budget-origin");
    FixtureOrigin origin =
        FixtureOrigin.builder(empty)
            .interceptor(
                r -> {
                  requests.incrementAndGet();
                  return Optional.of(
                      new FixtureOrigin.Response(200, Map.of(), new byte[300 * 1024]));
                })
            .build()
            .start();
    try {
      BodyBudget budget = BodyBudget.of(MIB);
      HttpFetcher fetcher =
          new HttpFetcher(HttpFetcher.newClient(4), Clock.systemUTC(), 8 * MIB, budget);
      String url = origin.baseUrl() + "/www.example.com/page";
      BodyBudget.Held holder = new BodyBudget.Held();
      ScopedValue.where(BodyBudget.JOB, holder)
          .call(() -> budget.reserve(MIB)); // another job holds the whole budget

      BodyBudget.Held job = new BodyBudget.Held();
      CompletableFuture<Integer> fetched =
          CompletableFuture.supplyAsync(
              () ->
                  ScopedValue.where(BodyBudget.JOB, job)
                      .call(
                          () ->
                              fetcher
                                  .fetch(new Request.Builder().url(url).build(), url, null)
                                  .body()
                                  .length));
      Thread.sleep(Duration.ofMillis(500));
      assertThat(fetched).isNotDone();
      assertThat(requests).hasValue(0);

      budget.release(holder);
      assertThat(fetched.get(10, TimeUnit.SECONDS)).isEqualTo(300 * 1024);
      assertThat(requests).hasValue(1);
      assertThat(job.bytes()).isEqualTo(300 * 1024);
    } finally {
      origin.close();
    }
  }
}
