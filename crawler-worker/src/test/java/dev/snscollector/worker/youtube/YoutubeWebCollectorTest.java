package dev.snscollector.worker.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.worker.Collection;
import dev.snscollector.worker.crawl.CrawlFetcher;
import dev.snscollector.worker.testing.DirectCrawl;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** YouTube's public pages over the crawl route, against the fixture origin. */
class YoutubeWebCollectorTest {
  private static final Path FIXTURES =
      Path.of(System.getProperty("sns.project.dir", "..")).resolve("fixtures");
  private static final ConcurrentLinkedQueue<FixtureOrigin.Request> SEEN =
      new ConcurrentLinkedQueue<>();
  private static FixtureOrigin origin;
  private static CrawlFetcher crawl;
  private static YoutubeWebCollector collector;

  @BeforeAll
  static void start() {
    origin =
        FixtureOrigin.builder(FIXTURES)
            .interceptor(
                r -> {
                  SEEN.add(r);
                  return Optional.empty();
                })
            .build()
            .start();
    Clock clock = Clock.systemUTC();
    ProxyPool direct = DirectCrawl.pool(clock);
    crawl = DirectCrawl.through(direct, origin, clock);
    collector = new YoutubeWebCollector(crawl, ParserRegistry.defaults(), clock);
  }

  @AfterAll
  static void stop() {
    crawl.close();
    origin.close();
  }

  @Test
  void aProfileComesFromTheChannelPageAndSaysCrawl() {
    Collection c =
        collector.collect(
            JobMessage.of("p1", Platform.YOUTUBE, JobKind.PROFILE, "@hanbit.kitchen"));
    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    assertThat(c.records()).singleElement().isInstanceOf(ProfileRecord.class);
    assertThat(c.records().getFirst().source().route()).isEqualTo(Route.CRAWL);
    assertThat(c.routes())
        .singleElement()
        .satisfies(a -> assertThat(a.route()).isEqualTo(Route.CRAWL));
  }

  @Test
  void postsWalkTheVideosTabThenInnerTubeContinuationsAsThePageWould() {
    SEEN.clear();
    Collection c =
        collector.collect(JobMessage.of("p2", Platform.YOUTUBE, JobKind.POSTS, "@hanbit.kitchen"));
    assertThat(c.outcome()).isEqualTo(Outcome.OK);
    // The videos tab's header gives the channel's profile first, then the posts of both pages.
    assertThat(c.records()).hasSize(6).first().isInstanceOf(ProfileRecord.class);
    assertThat(c.records().subList(1, 6))
        .allSatisfy(r -> assertThat(r).isInstanceOf(PostRecord.class));
    assertThat(c.records().stream().map(NormalizedRecord::platformId).distinct()).hasSize(6);
    assertThat(SEEN)
        .extracting(FixtureOrigin.Request::method, FixtureOrigin.Request::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GET", "/@hanbit.kitchen/videos"),
            org.assertj.core.groups.Tuple.tuple("POST", "/youtubei/v1/browse"));
    assertThat(SEEN.stream().skip(1).findFirst().orElseThrow().headers())
        .containsKey("x-youtube-client-version")
        .hasEntrySatisfying("content-type", v -> assertThat(v).startsWith("application/json"));
  }

  @Test
  void maxItemsStopsTheWalkBeforeTheNextPage() {
    SEEN.clear();
    JobMessage job =
        JobMessage.of("p3", Platform.YOUTUBE, JobKind.POSTS, "@hanbit.kitchen")
            .withOptions(new JobMessage.JobOptions(2, null, List.of()));
    Collection c = collector.collect(job);
    assertThat(c.records()).filteredOn(r -> r instanceof PostRecord).hasSize(2);
    assertThat(c.records()).filteredOn(r -> r instanceof ProfileRecord).hasSize(1);
    assertThat(SEEN).hasSize(1);
  }

  @Test
  void aCommentsJobIsLeftToTheApi() {
    assertThat(
            collector.unavailableFor(
                JobMessage.of("p4", Platform.YOUTUBE, JobKind.COMMENTS, "QRM03r6eFNF")))
        .contains("API");
  }
}
