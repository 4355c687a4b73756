package dev.snscollector.worker.store;

import dev.snscollector.fixtures.FixtureFormat;
import dev.snscollector.fixtures.Scrubber;
import dev.snscollector.parsers.Capture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A job's captures as one zip in the fixture format: {@code 001-youtube.api.channels/meta.json} and
 * {@code body.json}, one folder per response in fetch order. Unzipped, each folder is a fixture
 * case without expected records, ready for replay.
 */
public final class CaptureArchive {
  private CaptureArchive() {}

  public static byte[] zip(List<Capture> captures) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      int seq = 0;
      for (Capture capture : captures) {
        seq++;
        String folder =
            String.format(
                Locale.ROOT,
                "%03d-%s/",
                seq,
                capture.pageType() == null ? "unknown" : capture.pageType());
        // Credentials never reach S3, whatever a response carried.
        FixtureFormat.Encoded encoded = FixtureFormat.encode(Scrubber.withoutCredentials(capture));
        put(zip, folder + FixtureFormat.META_FILE, encoded.meta());
        put(zip, folder + encoded.bodyFileName(), encoded.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(data);
    zip.closeEntry();
  }
}
