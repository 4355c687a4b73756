package dev.snscollector.parsers.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.CommentRecord;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.contracts.ProfileRecord;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.parsers.TestCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Real responses recorded from the live API by other projects ({@code
 * ../shared/realdata/youtube-data-api}, see its PROVENANCE.md). They are read where they lie, never
 * copied; expectations are read from each file at test time.
 */
class YoutubeApiRealCapturesTest {
  private static final ParserRegistry REGISTRY = ParserRegistry.defaults();

  private static Path folder() {
    String shared = System.getProperty("sns.shared.dir");
    Path dir = Path.of(shared == null ? "(unset)" : shared, "realdata", "youtube-data-api");
    assumeTrue(
        shared != null && Files.isDirectory(dir),
        "real YouTube Data API captures not found (set -Dsns.shared.dir to the shared folder): "
            + dir);
    return dir;
  }

  private static List<Path> files(String prefix) throws IOException {
    List<Path> out = new ArrayList<>();
    try (var stream = Files.list(folder())) {
      stream.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().forEach(out::add);
    }
    assumeTrue(!out.isEmpty(), "no real captures named " + prefix + "*");
    return out;
  }

  private static Capture capture(Path file, int status, @Nullable String pageType)
      throws IOException {
    return new Capture(
        "https://www.googleapis.com/youtube/v3/" + file.getFileName(),
        "GET",
        status,
        Map.of("content-type", "application/json; charset=UTF-8"),
        Files.readAllBytes(file),
        TestCaptures.FETCHED_AT,
        pageType);
  }

  private static ParseResult.Parsed parse(Capture capture, String expectedPageType) {
    PageParser parser = REGISTRY.recognize(capture).orElseThrow();
    assertThat(parser.pageType().id()).as(capture.url()).isEqualTo(expectedPageType);
    ParseResult result = parser.parse(capture, TestCaptures.CONTEXT);
    assertThat(result).as(capture.url()).isInstanceOf(ParseResult.Parsed.class);
    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    assertThat(TestCaptures.violations(parsed.records())).as(capture.url()).isEmpty();
    return parsed;
  }

  private static JsonNode read(Path file) throws IOException {
    return Json.MAPPER.readTree(Files.readAllBytes(file));
  }

  @Test
  void everyRealChannelsResponseYieldsOneProfilePerItemWithItsCounts() throws IOException {
    List<Path> files = new ArrayList<>(files("channels__"));
    files.addAll(files("channel_info"));
    for (Path file : files) {
      JsonNode items = read(file).path("items");
      List<NormalizedRecord> records =
          parse(capture(file, 200, null), "youtube.api.channels").records();

      assertThat(records).as(file.toString()).hasSize(items.size());
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        ProfileRecord p = (ProfileRecord) records.get(i);
        assertThat(p.platformId()).isEqualTo(item.path("id").asString());
        assertThat(p.displayName()).isEqualTo(item.path("snippet").path("title").asString());
        assertThat(p.handle())
            .isEqualTo(item.path("snippet").path("customUrl").asString().replaceFirst("^@", ""));
        JsonNode stats = item.path("statistics");
        assertThat(p.followers())
            .isEqualTo(
                stats.has("subscriberCount")
                    ? Long.valueOf(stats.get("subscriberCount").asString())
                    : null);
        assertThat(p.postCount())
            .isEqualTo(
                stats.has("videoCount") ? Long.valueOf(stats.get("videoCount").asString()) : null);
        assertThat(p.totalViews())
            .isEqualTo(
                stats.has("viewCount") ? Long.valueOf(stats.get("viewCount").asString()) : null);
      }
    }
  }

  @Test
  void everyRealPlaylistItemsPageYieldsItsVideosAndItsNextPageToken() throws IOException {
    for (Path file : files("playlist_items__")) {
      JsonNode doc = read(file);
      ParseResult.Parsed parsed = parse(capture(file, 200, null), "youtube.api.playlist_items");

      List<String> videoIds = new ArrayList<>();
      doc.path("items")
          .forEach(
              i -> videoIds.add(i.path("snippet").path("resourceId").path("videoId").asString()));
      assertThat(parsed.records())
          .extracting(NormalizedRecord::platformId)
          .as(file.toString())
          .isEqualTo(videoIds);
      assertThat(parsed.next().ids()).isEqualTo(videoIds);
      assertThat(parsed.next().nextPageToken())
          .isEqualTo(doc.has("nextPageToken") ? doc.get("nextPageToken").asString() : null);
    }
  }

  @Test
  void everyRealVideosResponseYieldsItsVideosWithMetricsOnlyWhereShown() throws IOException {
    for (Path file : files("videos__")) {
      JsonNode items = read(file).path("items");
      List<NormalizedRecord> records =
          parse(capture(file, 200, null), "youtube.api.videos").records();

      assertThat(records).as(file.toString()).hasSize(items.size());
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        PostRecord post = (PostRecord) records.get(i);
        assertThat(post.platformId()).isEqualTo(item.path("id").asString());
        assertThat(post.title()).isEqualTo(item.path("snippet").path("title").asString());
        JsonNode views = item.path("statistics").path("viewCount");
        assertThat(post.views())
            .isEqualTo(views.isString() ? Long.valueOf(views.asString()) : null);
        JsonNode likes = item.path("statistics").path("likeCount");
        assertThat(post.likes())
            .isEqualTo(likes.isString() ? Long.valueOf(likes.asString()) : null);
      }
    }
  }

  @Test
  void everyRealCommentThreadsPageYieldsEachCommentAndItsIncludedRepliesInOrder()
      throws IOException {
    for (Path file : files("comment_threads__")) {
      JsonNode doc = read(file);
      ParseResult.Parsed parsed = parse(capture(file, 200, null), "youtube.api.comment_threads");

      List<String> ids = new ArrayList<>();
      for (JsonNode thread : doc.path("items")) {
        ids.add(thread.path("snippet").path("topLevelComment").path("id").asString());
        thread.path("replies").path("comments").forEach(r -> ids.add(r.path("id").asString()));
      }
      assertThat(parsed.records())
          .extracting(NormalizedRecord::platformId)
          .as(file.toString())
          .isEqualTo(ids);
      assertThat(parsed.next().nextPageToken())
          .isEqualTo(doc.has("nextPageToken") ? doc.get("nextPageToken").asString() : null);
      int i = 0;
      for (JsonNode thread : doc.path("items")) {
        JsonNode top = thread.path("snippet").path("topLevelComment").path("snippet");
        CommentRecord c = (CommentRecord) parsed.records().get(i);
        assertThat(c.postId()).isEqualTo(thread.path("snippet").path("videoId").asString());
        assertThat(c.authorId()).isEqualTo(top.path("authorChannelId").path("value").asString());
        assertThat(c.text()).isEqualTo(top.path("textOriginal").asString());
        assertThat(c.likes()).isEqualTo(top.path("likeCount").asLong());
        assertThat(c.replyCount())
            .isEqualTo(thread.path("snippet").path("totalReplyCount").asLong());
        assertThat(c.parentId()).isNull();
        i += 1 + thread.path("replies").path("comments").size();
      }
    }
  }

  @Test
  void realErrorBodiesAreClassifiedByTheirReason() throws IOException {
    for (Path file : files("error_")) {
      JsonNode error = read(file).path("error");
      int code = error.path("code").asInt();
      String reason = error.path("errors").path(0).path("reason").asString();
      Capture capture = capture(file, code, "youtube.api.channels");
      ParseResult result =
          REGISTRY.recognize(capture).orElseThrow().parse(capture, TestCaptures.CONTEXT);

      assertThat(result).as(file.toString()).isInstanceOf(ParseResult.Classified.class);
      ParseResult.Classified classified = (ParseResult.Classified) result;
      Outcome expected = "keyInvalid".equals(reason) ? Outcome.TOKEN_INVALID : Outcome.BLOCKED;
      assertThat(classified.outcome()).as(file.toString()).isEqualTo(expected);
      assertThat(classified.reason()).contains(reason);
    }
  }
}
