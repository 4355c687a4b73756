package dev.snscollector.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CancelledJobsTest {
  private static byte[] gzip(String json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void aListReadsBackAndAMalformedOneIsRefusedSayingWhy() throws IOException {
    assertThat(CancelledJobs.sorted(gzip("{\"jobIds\":[\"b\",\"a\"]}")))
        .isEqualTo(List.of("a", "b"));
    assertThatThrownBy(() -> CancelledJobs.decode(gzip("{\"jobIds\":[\"a\",7,null]}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a cancelled-jobs list: a job id is 7");
    assertThatThrownBy(() -> CancelledJobs.decode(gzip("{\"ids\":[]}")))
        .hasMessageContaining("no jobIds array");
    assertThatThrownBy(() -> CancelledJobs.decode("not gzip".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("not a cancelled-jobs list:");
  }
}
