package dev.snscollector.capture;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Zstandard through zstd-jni, at level 1: for a 543 KB page about a millisecond and a fifth of the
 * size, where zlib's fastest level takes four or five. The native library ships in the jar for the
 * platforms the images run on; {@link #AVAILABLE} is false where it cannot load, and archives then
 * fall back to the uncompressed body in a deflated entry.
 */
final class Zstandard {
  static final int LEVEL = 1;

  /** Slots kept: about as many as compressions run at once (one per core, and some). */
  private static final int KEPT = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  /** Larger buffers are not kept, so a rare huge document does not stay in the heap. */
  private static final int MAX_KEPT_BYTES = 4 << 20;

  private static final ConcurrentLinkedQueue<Slot> SLOTS = new ConcurrentLinkedQueue<>();

  static final boolean AVAILABLE = load();

  private Zstandard() {}

  /**
   * The frame of {@code data}. The native call needs room for the worst case (about the input's
   * size), which for a 543 KB page would be half a megabyte of garbage per page, and a fresh
   * compression context clears its tables first: both are borrowed from a few kept ones instead,
   * and only the frame itself is copied out.
   */
  static byte[] compress(byte[] data) {
    int bound = Math.toIntExact(Zstd.compressBound(data.length));
    Slot slot = SLOTS.poll();
    if (slot == null) {
      slot = new Slot();
    }
    boolean sound = false;
    try {
      if (slot.buffer.length < bound) {
        slot.buffer = new byte[bound];
      }
      int size = slot.context.compressByteArray(slot.buffer, 0, bound, data, 0, data.length);
      sound = true;
      return Arrays.copyOf(slot.buffer, size);
    } finally {
      if (slot.buffer.length > MAX_KEPT_BYTES) {
        slot.buffer = new byte[0];
      }
      if (sound && SLOTS.size() < KEPT) {
        SLOTS.offer(slot);
      } else {
        slot.context.close();
      }
    }
  }

  /** A compression context at {@link #LEVEL} and the buffer its output goes to. */
  private static final class Slot {
    final ZstdCompressCtx context = new ZstdCompressCtx().setLevel(LEVEL);
    byte[] buffer = new byte[0];
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
