package dev.snscollector.capture;

import dev.snscollector.contracts.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * The on-disk (and in-S3) form of a capture, shared by the worker's archives and the fixtures:
 * {@code meta.json} (url, method, status, selected headers, fetchedAt, pageType, schemaVersion) and
 * a body file named {@code body.<ext>} after the content type ({@code .json}, {@code .html}, {@code
 * .xml}, otherwise {@code .txt}), gzipped to {@code body.<ext>.gz} only when over 1 MiB so that
 * fixtures stay reviewable; in an archive, every body is Zstandard-compressed ({@code
 * body.<ext>.zst}; {@code zstd -d} reads it).
 *
 * <p>Failure modes: {@link #decode} throws {@link IllegalArgumentException} for a meta file that is
 * not valid or a body file name that is not {@code body.*}, and {@link UncheckedIOException} for a
 * corrupt gzip body. Unknown meta fields are ignored, so newer writers stay readable.
 */
public final class CaptureFormat {
  public static final String META_FILE = "meta.json";
  public static final String BODY_PREFIX = "body.";
  public static final int GZIP_THRESHOLD = 1 << 20;

  private static final ObjectWriter META_WRITER = Json.MAPPER.writerWithDefaultPrettyPrinter();
  private static final ObjectReader META_READER =
      Json.MAPPER.readerFor(Meta.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private CaptureFormat() {}

  /** The contents of {@code meta.json}. */
  public record Meta(
      String url,
      String method,
      int status,
      Map<String, String> headers,
      Instant fetchedAt,
      @Nullable String pageType,
      @Nullable Integer schemaVersion) {
    public Meta {
      headers = headers == null ? Map.of() : new TreeMap<>(headers);
    }
  }

  /** A capture ready to write: the meta file's bytes, the body file's name and bytes. */
  public record Encoded(byte[] meta, String bodyFileName, byte[] body) {}

  /**
   * Encodes a capture; {@code schemaVersion} is the structure schema version of its page type's
   * parser (null when unknown), recorded so a replay knows which version the document last met.
   */
  public static Encoded encode(Capture capture, @Nullable Integer schemaVersion) {
    return encode(capture, schemaVersion, false);
  }

  /**
   * Encodes a capture for an archive: the body compressed with Zstandard ({@code body.<ext>.zst})
   * whatever its size, about five times faster than zlib at a better ratio. Falls back to the
   * fixture encoding where the native library cannot load.
   */
  public static Encoded encodeForArchive(Capture capture, @Nullable Integer schemaVersion) {
    return encode(capture, schemaVersion, Zstandard.AVAILABLE);
  }

  private static Encoded encode(Capture capture, @Nullable Integer schemaVersion, boolean zstd) {
    Meta meta =
        new Meta(
            capture.url(),
            capture.method(),
            capture.status(),
            capture.headers(),
            capture.fetchedAt(),
            capture.pageType(),
            schemaVersion);
    byte[] metaBytes =
        (META_WRITER.writeValueAsString(meta) + "\n").getBytes(StandardCharsets.UTF_8);
    String name = BODY_PREFIX + extension(capture.header("content-type"));
    if (zstd) {
      return new Encoded(metaBytes, name + ".zst", Zstandard.compress(capture.body()));
    }
    if (capture.body().length > GZIP_THRESHOLD) {
      return new Encoded(metaBytes, name + ".gz", gzip(capture.body()));
    }
    return new Encoded(metaBytes, name, capture.body());
  }

  public static Meta readMeta(byte[] meta) {
    try {
      return META_READER.readValue(meta);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid " + META_FILE + ": " + e.getMessage(), e);
    }
  }

  /** The capture back from its meta file and body file. */
  public static Capture decode(byte[] meta, String bodyFileName, byte[] body) {
    if (!bodyFileName.startsWith(BODY_PREFIX)) {
      throw new IllegalArgumentException("not a body file: " + bodyFileName);
    }
    Meta m = readMeta(meta);
    byte[] raw =
        bodyFileName.endsWith(".gz")
            ? gunzip(body)
            : bodyFileName.endsWith(".zst") ? Zstandard.decompress(body) : body;
    return new Capture(
        m.url(), m.method(), m.status(), m.headers(), raw, m.fetchedAt(), m.pageType());
  }

  /** The body file extension for a content type: json, html, xml or txt. */
  public static String extension(@Nullable String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.contains("json")) {
      return "json";
    }
    if (type.contains("html")) {
      return "html";
    }
    return type.contains("xml") ? "xml" : "txt";
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] data) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt gzip body", e);
    }
  }
}
