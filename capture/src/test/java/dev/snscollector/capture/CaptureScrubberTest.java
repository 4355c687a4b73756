package dev.snscollector.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureScrubberTest {
  private static Capture capture(String url, Map<String, String> headers, String body) {
    return new Capture(
        url,
        "GET",
        200,
        headers,
        body.getBytes(StandardCharsets.UTF_8),
        Instant.parse("2026-11-22T00:00:00Z"),
        "instagram.graph.media_list");
  }

  @Test
  void anArchivedCaptureLosesItsCredentialsButKeepsThePlatformsContent() {
    Capture raw =
        capture(
            "https://graph.facebook.com/v21.0/178/media?fields=id&access_token=EAAB123secret456",
            Map.of("content-type", "application/json", "set-cookie", "sessionid=abc123456789"),
            "{\"paging\":{\"next\":\"https:\\/\\/graph.facebook.com\\/v21.0\\/178\\/media?access_token=EAAB123secret456&after=QVFI\"},"
                + "\"bio\":\"mail me: someone.real@gmail.com\","
                + "\"continuationCommand\":{\"token\":\"4qmFsgKrARIYVUNC\"},\"auth\":\"Bearer abcdefghijkl\"}");

    Capture archived = CaptureScrubber.withoutCredentials(raw);

    assertThat(archived.url()).isEqualTo("https://graph.facebook.com/v21.0/178/media?fields=id");
    assertThat(archived.headers()).containsOnlyKeys("content-type");
    assertThat(archived.bodyText())
        .doesNotContain("EAAB123secret456", "abcdefghijkl")
        .contains("access_token=REDACTED&after=QVFI", "Bearer REDACTED")
        .as("the document stays the platform's: addresses and page tokens are content")
        .contains("someone.real@gmail.com", "4qmFsgKrARIYVUNC");
    assertThat(archived.pageType()).isEqualTo("instagram.graph.media_list");
  }

  @Test
  void sessionTokensAJsonDocumentNamesAreReplacedWhateverItsSpacingAndEscapes() {
    String body =
        "{\"config\": {\"csrf_token\" : \"Zm9vYmFyYmF6cXV4\", \"XSRF_TOKEN\":\"QUZyaXZlcnNpb25z\\u003d\","
            + "\"refresh_token\":\"rft.0123456789abc\", \"note\":\"csrf_token is a word\"},"
            + "\"link\":\"https://x.example/cb?next=https%3A%2F%2Fy%3Faccess_token%3DEAAnested123456\"}";

    String out =
        new String(
            CaptureScrubber.body(body.getBytes(StandardCharsets.UTF_8), List.of()),
            StandardCharsets.UTF_8);

    assertThat(out)
        .doesNotContain(
            "Zm9vYmFyYmF6cXV4", "QUZyaXZlcnNpb25z", "rft.0123456789abc", "EAAnested123456")
        .contains(
            "\"csrf_token\" : \"REDACTED\"",
            "\"XSRF_TOKEN\":\"REDACTED\"",
            "access_token%3DREDACTED",
            "csrf_token is a word");
  }

  @Test
  void aSecretTheJobUsedIsRemovedWhereverThePlatformEchoedIt() {
    String token = "ya29.a0AfB_byCreatorToken-42";
    String body = "<html><script>var t = '" + token + "'; // " + token + "</script></html>";

    String out =
        new String(
            CaptureScrubber.body(body.getBytes(StandardCharsets.UTF_8), List.of(token)),
            StandardCharsets.UTF_8);

    assertThat(out).doesNotContain(token).contains("var t = 'REDACTED'; // REDACTED");
  }

  @Test
  void aBodyWithoutCredentialsIsKeptAsItCameNotCopied() {
    byte[] body =
        "{\"title\":\"부산 산책\",\"access_token\":\"short\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(CaptureScrubber.body(body, List.of("not-in-there-at-all"))).isSameAs(body);
    Capture clean =
        capture(
            "https://www.tiktok.com/@bada.walk", Map.of("content-type", "text/html"), "<p>hi</p>");
    assertThat(CaptureScrubber.withoutCredentials(clean)).isSameAs(clean);
  }

  @Test
  void urlsLoseEveryCredentialParameterAndKeepTheRest() {
    assertThat(
            CaptureScrubber.url(
                "https://www.googleapis.com/youtube/v3/channels?part=snippet&key=AIzaSyKEY&id=UC1"))
        .isEqualTo("https://www.googleapis.com/youtube/v3/channels?part=snippet&id=UC1");
    assertThat(CaptureScrubber.url("https://x.example/a b?access_token=abc&x=1"))
        .isEqualTo("https://x.example/a b?access_token=REDACTED&x=1");
    assertThat(CaptureScrubber.keptHeaders(Map.of("Location", "https://x/?token=secret123&a=1")))
        .containsEntry("location", "https://x/?a=1");
  }
}
