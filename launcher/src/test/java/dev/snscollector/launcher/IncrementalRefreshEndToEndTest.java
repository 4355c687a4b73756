package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snscollector.api.CollectorApi;
import dev.snscollector.contracts.Json;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.parsers.QueryParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A daily schedule over three days of a channel's uploads, through the API, a worker and the local
 * origin. The schedule's posts jobs are incremental: the first day walks the whole history (three
 * playlist pages), each later day gets {@code since} from the day before's ok job and reads one
 * playlist page and one {@code videos.list}: the new uploads plus the newest {@code refreshLast}
 * older ones, whose metrics have moved. The origin counts every call.
 */
class IncrementalRefreshEndToEndTest {
  private static final Path PROJECT = Path.of(System.getProperty("sns.project.dir", ".."));
  private static final String UPLOADS = "UUBChB4IQJ0F0hdob7NmvSaA";
  private static final int REFRESH_LAST = 5;

  /** The schedule fires at 06:00 in Seoul: 21:00 UTC the day before. */
  private static final Instant FIRST_TICK = Instant.parse("2026-11-01T21:00:00Z");

  @Test
  void afterTheFirstDayOnlyNewPostsAndTheLastFewAreFetched() throws Exception {
    Uploads uploads =
        new Uploads(
            fixtureItem("youtube.api.playlist_items/hanbit-kitchen-uploads-page-1"),
            fixtureItem("youtube.api.videos/hanbit-kitchen-page-1"));
    // 120 uploads before the first day, 3 more during the second, 2 during the third
    uploads.publish(120, Instant.parse("2026-06-01T09:00:00Z"), Duration.ofDays(1));
    List<FixtureOrigin.Request> calls = new CopyOnWriteArrayList<>();
    AtomicReference<Instant> now = new AtomicReference<>(FIRST_TICK.minus(Duration.ofHours(1)));
    try (DemoStack stack =
        DemoStack.start(
            null,
            PROJECT.resolve("fixtures"),
            Duration.ZERO,
            Duration.ofSeconds(30),
            DemoStack.randomTokenKeys(),
            r -> {
              if (r.host().equals("www.googleapis.com")) {
                calls.add(r);
              }
              return uploads.answer(r);
            })) {
      CollectorApi api =
          stack.startApi(null, 0, Map.of("SCHEDULE_POLL_MILLIS", "100"), new MovableClock(now));
      stack.startWorker(stack.workerEnvironmentOnOrigin(2, false));
      ApiClient client = new ApiClient(api.localUrl(), DemoStack.developmentKey(api));
      ObjectNode schedule = Json.MAPPER.createObjectNode();
      schedule.put("name", "hanbit daily").put("cron", "0 6 * * *").put("timeZone", "Asia/Seoul");
      ObjectNode job = schedule.putObject("job");
      job.put("platform", "youtube").put("kind", "posts").put("incremental", true);
      ObjectNode options = job.putObject("options");
      options.put("maxItems", 1000).put("refreshLast", REFRESH_LAST);
      options.putArray("routes").add("api");
      schedule.putArray("targets").add("@hanbit.kitchen");
      client.post("/v1/schedules", schedule, 201);

      List<Day> days = new ArrayList<>();
      for (int day = 0; day < 3; day++) {
        if (day == 1) {
          uploads.publish(3, Instant.parse("2026-11-02T01:00:00Z"), Duration.ofHours(2));
        } else if (day == 2) {
          uploads.publish(2, Instant.parse("2026-11-03T03:00:00Z"), Duration.ofHours(2));
        }
        int before = calls.size();
        int jobsBefore = client.count("platform=youtube");
        now.set(FIRST_TICK.plus(Duration.ofDays(day)).plusSeconds(1));
        await("day " + (day + 1) + "'s job", () -> finished(client) > jobsBefore);
        JsonNode done = latest(client);
        assertThat(done.path("outcome").stringValue()).as(done.toString()).isEqualTo("ok");
        List<String> posts = new ArrayList<>();
        for (JsonNode r :
            client.lines("/v1/jobs/" + done.path("jobId").stringValue() + "/records")) {
          if (r.path("type").stringValue().equals("post")) {
            posts.add(r.path("platformId").stringValue());
          }
        }
        days.add(new Day(List.copyOf(calls.subList(before, calls.size())), posts));
      }

      // Day 1: the whole history, 50 + 50 + 20 uploads, each page's statistics in one call.
      assertThat(paths(days.get(0)))
          .containsExactly(
              "/youtube/v3/channels",
              "/youtube/v3/playlistItems",
              "/youtube/v3/videos",
              "/youtube/v3/playlistItems",
              "/youtube/v3/videos",
              "/youtube/v3/playlistItems",
              "/youtube/v3/videos");
      assertThat(days.get(0).posts()).hasSize(120);
      // Days 2 and 3: one playlist page, never a second one, and the new uploads first.
      for (int day = 1; day < 3; day++) {
        Day d = days.get(day);
        assertThat(paths(d))
            .as("day %d", day + 1)
            .containsExactly(
                "/youtube/v3/channels", "/youtube/v3/playlistItems", "/youtube/v3/videos");
        assertThat(d.calls()).noneMatch(r -> String.valueOf(r.rawQuery()).contains("pageToken"));
        int fresh = day == 1 ? 3 : 2;
        List<String> expected = uploads.newest(fresh + REFRESH_LAST, day == 1 ? 2 : 0);
        assertThat(d.posts()).as("day %d", day + 1).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  private record Day(List<FixtureOrigin.Request> calls, List<String> posts) {}

  private static List<String> paths(Day day) {
    return day.calls().stream().map(FixtureOrigin.Request::path).toList();
  }

  private static int finished(ApiClient client) {
    return client.count("platform=youtube&status=succeeded,failed");
  }

  private static JsonNode latest(ApiClient client) {
    return client.get("/v1/jobs?platform=youtube&limit=1").path("items").get(0);
  }

  private static JsonNode fixtureItem(String dir) throws IOException {
    Path body = PROJECT.resolve("fixtures/youtube").resolve(dir).resolve("body.json");
    return Json.MAPPER.readTree(Files.readString(body)).path("items").get(0);
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited for " + what).isLessThan(end);
      Thread.sleep(200);
    }
  }

  /**
   * The channel's uploads playlist and its videos as the Data API serves them, newest first, from
   * the shape of the project's own fixtures: {@code playlistItems} in pages of {@code maxResults}
   * with a {@code pageToken}, {@code videos} for the ids asked.
   */
  private static final class Uploads {
    private final JsonNode itemTemplate;
    private final JsonNode videoTemplate;
    private final List<Instant> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger views = new AtomicInteger(1000);

    Uploads(JsonNode itemTemplate, JsonNode videoTemplate) {
      this.itemTemplate = itemTemplate;
      this.videoTemplate = videoTemplate;
    }

    void publish(int count, Instant first, Duration apart) {
      for (int i = 0; i < count; i++) {
        published.add(first.plus(apart.multipliedBy(i)));
      }
    }

    static String id(int n) {
      return String.format(java.util.Locale.ROOT, "inc%08d", n);
    }

    /** Ids of the newest {@code count} uploads, skipping the newest {@code skip}. */
    List<String> newest(int count, int skip) {
      List<String> out = new ArrayList<>();
      for (int n = published.size() - 1 - skip; n >= 0 && out.size() < count; n--) {
        out.add(id(n));
      }
      return out;
    }

    Optional<FixtureOrigin.Response> answer(FixtureOrigin.Request r) {
      Map<String, String> q = query(r.rawQuery());
      if (r.path().equals("/youtube/v3/playlistItems") && UPLOADS.equals(q.get("playlistId"))) {
        int size = Integer.parseInt(q.getOrDefault("maxResults", "5"));
        int offset =
            q.containsKey("pageToken") ? Integer.parseInt(q.get("pageToken").substring(1)) : 0;
        ObjectNode page = Json.MAPPER.createObjectNode();
        page.put("kind", "youtube#playlistItemListResponse").put("etag", "incremental");
        int total = published.size();
        if (offset + size < total) {
          page.put("nextPageToken", "p" + (offset + size));
        }
        page.putObject("pageInfo").put("totalResults", total).put("resultsPerPage", size);
        ArrayNode items = page.putArray("items");
        for (int i = offset; i < Math.min(total, offset + size); i++) {
          int n = total - 1 - i;
          ObjectNode item = (ObjectNode) itemTemplate.deepCopy();
          item.put("id", "item-" + id(n));
          ObjectNode snippet = (ObjectNode) item.path("snippet");
          snippet.put("publishedAt", published.get(n).toString()).put("position", i);
          ((ObjectNode) snippet.path("resourceId")).put("videoId", id(n));
          ((ObjectNode) item.path("contentDetails"))
              .put("videoId", id(n))
              .put("videoPublishedAt", published.get(n).toString());
          items.add(item);
        }
        return Optional.of(FixtureOrigin.Response.json(200, page.toString()));
      }
      if (r.path().equals("/youtube/v3/videos") && q.getOrDefault("id", "").startsWith("inc")) {
        ObjectNode page = Json.MAPPER.createObjectNode();
        page.put("kind", "youtube#videoListResponse").put("etag", "incremental");
        ArrayNode items = page.putArray("items");
        for (String id : q.get("id").split(",")) {
          int n = Integer.parseInt(id.substring(3));
          ObjectNode video = (ObjectNode) videoTemplate.deepCopy();
          video.put("id", id);
          ((ObjectNode) video.path("snippet")).put("publishedAt", published.get(n).toString());
          ((ObjectNode) video.path("statistics"))
              .put("viewCount", Integer.toString(views.incrementAndGet()));
          items.add(video);
        }
        page.putObject("pageInfo")
            .put("totalResults", items.size())
            .put("resultsPerPage", items.size());
        return Optional.of(FixtureOrigin.Response.json(200, page.toString()));
      }
      return Optional.empty();
    }

    private static Map<String, String> query(@Nullable String raw) {
      return raw == null ? Map.of() : QueryParams.of("?" + raw);
    }
  }

  /** A clock the test moves from one day's tick to the next. */
  private static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(AtomicReference<Instant> now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
