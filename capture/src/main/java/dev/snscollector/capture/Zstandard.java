package dev.snscollector.capture;

import com.github.luben.zstd.Zstd;

/**
 * Zstandard through zstd-jni, at level 1: for a 543 KB page about a millisecond and a fifth of the
 * size, where zlib's fastest level takes four or five. The native library ships in the jar for the
 * platforms the images run on; {@link #AVAILABLE} is false where it cannot load, and archives then
 * fall back to the uncompressed body in a deflated entry.
 */
final class Zstandard {
  static final int LEVEL = 1;
  static final boolean AVAILABLE = load();

  private Zstandard() {}

  static byte[] compress(byte[] data) {
    return Zstd.compress(data, LEVEL);
  }

  static byte[] decompress(byte[] data) {
    long size = Zstd.getFrameContentSize(data);
    if (size < 0 || size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("not a Zstandard frame with a known size");
    }
    return Zstd.decompress(data, (int) size);
  }

  private static boolean load() {
    try {
      byte[] probe = Zstd.compress(new byte[] {1, 2, 3}, LEVEL);
      return Zstd.decompress(probe, 3).length == 3;
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }
}
