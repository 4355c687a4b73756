package dev.snscollector.capture;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A job's captures as one zip in {@link CaptureFormat}: {@code 001-youtube.api.channels/meta.json}
 * and {@code body.json}, one folder per response in fetch order. Unzipped, each folder is a fixture
 * case without expected records, ready for replay.
 *
 * <p>{@link Writer} builds it as the captures arrive: each is scrubbed ({@link CaptureScrubber}),
 * encoded and compressed at once, so the raw body can be dropped as soon as it is parsed and the
 * job holds only the compressed bytes. Bodies are Zstandard frames ({@code body.<ext>.zst}, stored
 * as they are); meta files are deflated at the fastest level.
 *
 * <p>The same zip is the job's one S3 object ({@link S3Layout#jobKey}): {@link
 * Writer#finish(byte[])} appends the job's records as a last, stored entry, which {@link #read}
 * leaves out (it is in no capture's folder).
 */
public final class CaptureArchive {
  private CaptureArchive() {}

  /** One capture read back from an archive, with the folder it was in. */
  public record Entry(String folder, Capture capture) {}

  /**
   * One job's archive, written as its captures arrive. Not thread-safe: one job's captures come in
   * order from the job's own thread.
   */
  public static final class Writer {
    private final Buffer out = new Buffer(16 * 1024);
    private final ZipOutputStream zip = new ZipOutputStream(out);
    private final Collection<String> secrets;
    private final Function<String, @Nullable Integer> schemaVersions;
    private int count;
    private @Nullable String lastPageType;
    private boolean finished;
    private @Nullable Finished done;

    /**
     * @param knownSecrets secrets the job used (a creator's token, an API key), removed wherever a
     *     platform echoed them
     * @param schemaVersions the structure schema version of a page type's parser, recorded in each
     *     capture's meta file; null for an unknown page type
     */
    public Writer(
        Collection<String> knownSecrets, Function<String, @Nullable Integer> schemaVersions) {
      this.secrets = List.copyOf(knownSecrets);
      this.schemaVersions = schemaVersions;
      zip.setLevel(Deflater.BEST_SPEED);
    }

    /** Scrubs, encodes and compresses {@code capture} into the archive. */
    public void add(Capture capture) {
      if (finished) {
        throw new IllegalStateException("archive already finished");
      }
      count++;
      String pageType = capture.pageType();
      String folder =
          String.format(Locale.ROOT, "%03d-%s/", count, pageType == null ? "unknown" : pageType);
      CaptureFormat.Encoded encoded =
          CaptureFormat.encodeForArchive(
              CaptureScrubber.withoutCredentials(capture, secrets),
              pageType == null ? null : schemaVersions.apply(pageType));
      try {
        put(folder + CaptureFormat.META_FILE, encoded.meta());
        if (encoded.bodyFileName().endsWith(".zst")) {
          // Already compressed: stored as it is, so no second compressor runs over it.
          putStored(folder + encoded.bodyFileName(), encoded.body());
        } else {
          put(folder + encoded.bodyFileName(), encoded.body());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      lastPageType = pageType;
    }

    /**
     * Adds {@code data} as a stored (uncompressed) entry; returns where its data starts in the
     * archive: the local header goes straight to the buffer, and a stored entry's data follows it
     * unchanged.
     */
    private int putStored(String name, byte[] data) throws IOException {
      // Room for the entry at once, rather than doubling the buffer (and copying it) up to it.
      out.reserve(data.length + name.length() + 128);
      ZipEntry entry = new ZipEntry(name);
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(data.length);
      entry.setCompressedSize(data.length);
      CRC32 crc = new CRC32();
      crc.update(data);
      entry.setCrc(crc.getValue());
      zip.putNextEntry(entry);
      int start = out.size();
      zip.write(data);
      zip.closeEntry();
      return start;
    }

    private void put(String name, byte[] data) throws IOException {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(data);
      zip.closeEntry();
    }

    /** Captures added so far. */
    public int size() {
      return count;
    }

    /** The page type of the last capture added: the document that ended the job. */
    public @Nullable String lastPageType() {
      return lastPageType;
    }

    /** Compressed bytes so far (the archive's size, give or take its directory). */
    public int compressedBytes() {
      return out.size();
    }

    /** The archive; the writer takes no more captures. */
    public byte[] finish() {
      return done != null ? done.bytes() : finish(null).bytes();
    }

    /**
     * The job object ({@link S3Layout#jobKey}): the captures, then, when given, the records as the
     * last entry, {@link S3Layout#RECORDS_ENTRY}, stored as they are (they are gzip already), so
     * that its data is the records' gzip bytes exactly and a ranged GET of {@link
     * Finished#recordsRange} reads them. The writer takes no more captures.
     *
     * @param recordsGzip the job's records as gzip JSON lines, or null when it has none
     * @throws IllegalStateException when the object was already finished
     */
    public Finished finish(byte @Nullable [] recordsGzip) {
      if (finished) {
        throw new IllegalStateException("archive already finished");
      }
      finished = true;
      String range = null;
      try {
        if (recordsGzip != null) {
          int start = putStored(S3Layout.RECORDS_ENTRY, recordsGzip);
          if (recordsGzip.length > 0) {
            range = S3Layout.range(start, recordsGzip.length);
          }
        }
        zip.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      done = new Finished(out.toByteArray(), range);
      return done;
    }
  }

  /** A byte buffer that can make room for what is about to be written in one step. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    void reserve(int more) {
      if (count + more > buf.length) {
        // A little over, for the directory and the records that follow the bodies.
        buf = Arrays.copyOf(buf, count + more + 4096);
      }
    }
  }

  /**
   * A finished job object.
   *
   * @param bytes the zip
   * @param recordsRange the byte range of the records' gzip bytes in it ({@code bytes=first-last}),
   *     or null when it holds no records
   */
  public record Finished(byte[] bytes, @Nullable String recordsRange) {}

  /** The archive of {@code captures}, in order, without known secrets or schema versions. */
  public static byte[] zip(List<Capture> captures) {
    Writer writer = new Writer(List.of(), pageType -> null);
    captures.forEach(writer::add);
    return writer.finish();
  }

  /** The captures of an archive, in folder order; {@code source} names it in errors. */
  public static List<Entry> read(String source, byte[] zip) {
    Map<String, byte[]> metas = new TreeMap<>();
    Map<String, Map.Entry<String, byte[]>> bodies = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String name = e.getName();
        int slash = name.lastIndexOf('/');
        if (e.isDirectory() || slash < 0) {
          continue; // the records entry of a job object, or anything else outside a capture
        }
        String folder = name.substring(0, slash);
        String file = name.substring(slash + 1);
        byte[] data = in.readAllBytes();
        if (file.equals(CaptureFormat.META_FILE)) {
          metas.put(folder, data);
        } else if (file.startsWith(CaptureFormat.BODY_PREFIX)) {
          bodies.put(folder, Map.entry(file, data));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read capture archive " + source, e);
    }
    List<Entry> out = new ArrayList<>();
    for (Map.Entry<String, byte[]> m : metas.entrySet()) {
      Map.Entry<String, byte[]> body = bodies.get(m.getKey());
      if (body != null) {
        out.add(
            new Entry(
                m.getKey(), CaptureFormat.decode(m.getValue(), body.getKey(), body.getValue())));
      }
    }
    return out;
  }
}
