package dev.snscollector.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** One object per job: the captures, and the records at a byte range the API reads alone. */
class JobObjectTest {
  private static Capture capture(String pageType, String body) {
    return new Capture(
        "https://www.googleapis.com/youtube/v3/channels?id=UC1",
        "GET",
        200,
        Map.of("content-type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8),
        Instant.parse("2026-11-22T00:00:00Z"),
        pageType);
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** What an HTTP server answers to {@code Range: bytes=a-b}. */
  private static byte[] ranged(byte[] object, String range) {
    String[] ends = range.substring("bytes=".length()).split("-");
    return Arrays.copyOfRange(object, Integer.parseInt(ends[0]), Integer.parseInt(ends[1]) + 1);
  }

  @Test
  void theRecordsRangeOfAJobObjectIsTheRecordsGzipAndTheCapturesStillReplay() throws IOException {
    String lines = "{\"type\":\"profile\",\"n\":1}\n{\"type\":\"post\",\"n\":2}\n";
    CaptureArchive.Writer writer = new CaptureArchive.Writer(List.of(), pageType -> 3);
    writer.add(capture("youtube.api.channels", "{\"items\":[]}"));
    writer.add(capture("youtube.api.playlist_items", "{\"items\":[1,2,3]}"));

    CaptureArchive.Finished object = writer.finish(gzip(lines));

    assertThat(object.recordsRange()).isNotNull();
    assertThat(S3Layout.isRange(object.recordsRange())).isTrue();
    byte[] records = ranged(object.bytes(), object.recordsRange());
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(records))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(lines);
    }
    assertThat(CaptureArchive.read("job", object.bytes()))
        .extracting(e -> e.folder() + " " + e.capture().pageType())
        .containsExactly(
            "001-youtube.api.channels youtube.api.channels",
            "002-youtube.api.playlist_items youtube.api.playlist_items");
    // Any zip tool sees the records as a plain entry, last.
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(object.bytes()))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        names.add(e.getName());
        if (e.getName().equals(S3Layout.RECORDS_ENTRY)) {
          assertThat(zip.readAllBytes()).isEqualTo(gzip(lines));
        }
      }
    }
    assertThat(names).last().isEqualTo(S3Layout.RECORDS_ENTRY);
  }

  @Test
  void aJobWithoutRecordsHasNoRangeAndOneWithoutCapturesHoldsOnlyItsRecords() throws IOException {
    CaptureArchive.Writer captures = new CaptureArchive.Writer(List.of(), pageType -> null);
    captures.add(capture("youtube.api.channels", "{}"));
    CaptureArchive.Finished none = captures.finish(null);
    assertThat(none.recordsRange()).isNull();
    assertThat(CaptureArchive.read("job", none.bytes())).hasSize(1);
    assertThatThrownBy(() -> captures.finish(null)).isInstanceOf(IllegalStateException.class);

    byte[] gz = gzip("{\"type\":\"profile\"}\n");
    CaptureArchive.Finished only =
        new CaptureArchive.Writer(List.of(), pageType -> null).finish(gz);
    assertThat(CaptureArchive.read("job", only.bytes())).isEmpty();
    assertThat(ranged(only.bytes(), only.recordsRange())).isEqualTo(gz);
  }

  @Test
  void theCancelledJobsListRoundTripsAndRefusesOtherBytes() {
    byte[] list =
        CancelledJobs.encode(Instant.parse("2026-11-22T00:00:00Z"), List.of("b-2", "a-1"));
    assertThat(CancelledJobs.decode(list)).containsExactlyInAnyOrder("a-1", "b-2");
    assertThat(CancelledJobs.sorted(list)).containsExactly("a-1", "b-2");
    assertThat(CancelledJobs.decode(CancelledJobs.encode(Instant.EPOCH, List.of()))).isEmpty();
    assertThatThrownBy(() -> CancelledJobs.decode("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rangesAreClosedAndInclusive() {
    assertThat(S3Layout.range(46, 100)).isEqualTo("bytes=46-145");
    assertThat(S3Layout.isRange("bytes=46-145")).isTrue();
    assertThat(S3Layout.isRange("bytes=145-46")).isFalse();
    assertThat(S3Layout.isRange("bytes=46-")).isFalse();
    assertThatThrownBy(() -> S3Layout.range(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(S3Layout.jobKey("j-1")).isEqualTo("jobs/j-1.zip");
  }
}
