package dev.snscollector.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class CaptureArchiveTest {
  private static Capture page(String pageType, String body) {
    return new Capture(
        "https://www.tiktok.com/@bada.walk?access_token=EAAsecretsecret",
        "GET",
        200,
        Map.of("content-type", "text/html; charset=utf-8", "set-cookie", "ttwid=abc"),
        body.getBytes(StandardCharsets.UTF_8),
        Instant.parse("2026-12-01T00:00:00Z"),
        pageType);
  }

  @Test
  void capturesComeBackInOrderScrubbedWithTheirSchemaVersionAndZstandardBodies()
      throws IOException {
    String big = "<html>" + "바다 산책 ".repeat(20_000) + "\"csrfToken\":\"Zm9vYmFyYmF6cXV4\"</html>";
    CaptureArchive.Writer writer =
        new CaptureArchive.Writer(List.of("creator-token-123456"), type -> 7);
    writer.add(page("tiktok.web.profile", big));
    writer.add(page(null, "{\"echo\":\"creator-token-123456\"}"));
    byte[] zip = writer.finish();

    assertThat(writer.size()).isEqualTo(2);
    assertThat(writer.lastPageType()).isNull();
    assertThat(zip.length).as("compressed well below the page").isLessThan(big.length() / 4);
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names)
        .containsExactly(
            "001-tiktok.web.profile/meta.json",
            "001-tiktok.web.profile/body.html.zst",
            "002-unknown/meta.json",
            "002-unknown/body.html.zst");

    List<CaptureArchive.Entry> read = CaptureArchive.read("test", zip);
    assertThat(read).hasSize(2);
    Capture first = read.get(0).capture();
    assertThat(first.url()).isEqualTo("https://www.tiktok.com/@bada.walk");
    assertThat(first.headers()).containsOnlyKeys("content-type");
    assertThat(first.bodyText())
        .startsWith("<html>바다 산책")
        .contains("\"csrfToken\":\"REDACTED\"")
        .doesNotContain("Zm9vYmFyYmF6cXV4");
    assertThat(read.get(1).capture().bodyText()).isEqualTo("{\"echo\":\"REDACTED\"}");
  }
}
