package dev.snscollector.parsers.naver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.PostRecord;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.parsers.TestCaptures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Real mobile post pages in {@code ../shared/realdata/naver-blog} (see its PROVENANCE.md), checked
 * against the golden Markdown another project derived from each ({@code *__expected.md}): its front
 * matter (title, blogId, logNo, publishedAt, category) and the first paragraph of its body. Both
 * are read at test time; nothing is copied.
 */
class NaverBlogRealCapturesTest {
  private static Path file(String name) {
    String shared = System.getProperty("sns.shared.dir");
    Path path = Path.of(shared == null ? "(unset)" : shared, "realdata", "naver-blog", name);
    assumeTrue(
        shared != null && Files.isRegularFile(path),
        "real Naver Blog capture not found (set -Dsns.shared.dir to the shared folder): " + path);
    return path;
  }

  /** The front matter's scalar keys and the body, of a Markdown file with YAML front matter. */
  private record Golden(Map<String, String> front, String body) {
    static Golden read(Path md) throws IOException {
      List<String> lines = Files.readAllLines(md, StandardCharsets.UTF_8);
      Map<String, String> front = new LinkedHashMap<>();
      int i = 1;
      for (; i < lines.size() && !lines.get(i).equals("---"); i++) {
        String line = lines.get(i);
        int colon = line.indexOf(": ");
        if (!line.startsWith(" ") && colon > 0) {
          front.put(line.substring(0, colon), line.substring(colon + 2).strip());
        }
      }
      return new Golden(front, String.join("\n", lines.subList(i + 1, lines.size())));
    }

    /** The first non-empty paragraph of the body, without Markdown emphasis. */
    String firstParagraph() {
      for (String line : body.split("\n")) {
        String text = line.replace("**", "").strip();
        if (!text.isEmpty()) {
          return text;
        }
      }
      return "";
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"se2-legacy", "se4-image-group"})
  void aRealPostPageMatchesItsGoldenFrontMatterAndFirstParagraph(String sample) throws IOException {
    Path source = file(sample + "__source.html");
    Golden golden = Golden.read(file(sample + "__expected.md"));
    String blogId = golden.front().get("blogId");
    String logNo = golden.front().get("logNo");
    Capture capture =
        new Capture(
            "https://m.blog.naver.com/PostView.naver?blogId=" + blogId + "&logNo=" + logNo,
            "GET",
            200,
            Map.of("content-type", "text/html;charset=UTF-8"),
            Files.readAllBytes(source),
            TestCaptures.FETCHED_AT,
            null);

    PageParser parser = ParserRegistry.defaults().recognize(capture).orElseThrow();
    assertThat(parser.pageType().id()).isEqualTo(NaverBlogPostParser.PAGE_TYPE_ID);
    ParseResult.Parsed parsed = (ParseResult.Parsed) parser.parse(capture, TestCaptures.CONTEXT);
    assertThat(TestCaptures.violations(parsed.records())).isEmpty();
    PostRecord post = (PostRecord) parsed.records().getFirst();

    assertThat(post.title()).isEqualTo(golden.front().get("title"));
    assertThat(post.ownerId()).isEqualTo(blogId);
    assertThat(post.platformId()).isEqualTo(logNo);
    assertThat(post.url()).isEqualTo(golden.front().get("source"));
    // The golden output writes whole seconds; the page has milliseconds.
    assertThat(post.publishedAt())
        .isNotNull()
        .satisfies(
            t ->
                assertThat(t.truncatedTo(ChronoUnit.SECONDS))
                    .isEqualTo(
                        OffsetDateTime.parse(golden.front().get("publishedAt")).toInstant()));
    assertThat(post.text()).startsWith(golden.firstParagraph());
    assertThat(post.media()).hasSize(countImages(golden.body()));

    JsonNode structure = parser.structure(capture).orElseThrow();
    assertThat(structure.path("category").asString()).isEqualTo(golden.front().get("category"));
    assertThat(parsed.next().value("category")).isEqualTo(golden.front().get("category"));
    assertThat(structure.path("editor").asString())
        .isEqualTo("se" + golden.front().get("editorVersion"));
  }

  private static int countImages(String markdown) {
    int count = 0;
    for (int at = markdown.indexOf("!["); at >= 0; at = markdown.indexOf("![", at + 2)) {
      count++;
    }
    return count;
  }
}
