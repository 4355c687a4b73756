package dev.snscollector.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Compression borrows a kept context and output buffer: whatever the order of sizes and however
 * many threads compress at once, each frame holds exactly its own input.
 */
class ZstandardTest {
  @Test
  void framesComeBackExactWhenKeptBuffersAreReusedForLargerAndSmallerInputs() {
    Random random = new Random(7);
    for (int size : new int[] {600_000, 10, 0, 250_000, 5_000_000, 1_000}) {
      byte[] data = document(random, size);
      byte[] frame = Zstandard.compress(data);
      assertThat(Zstandard.decompress(frame)).isEqualTo(data);
    }
  }

  @Test
  void threadsCompressingAtOnceEachGetTheirOwnFrame() throws Exception {
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      int seed = t;
      tasks.add(
          () -> {
            Random random = new Random(seed);
            for (int i = 0; i < 20; i++) {
              byte[] data = document(random, 1_000 + random.nextInt(300_000));
              if (!java.util.Arrays.equals(Zstandard.decompress(Zstandard.compress(data)), data)) {
                return false;
              }
            }
            return true;
          });
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Boolean> done : pool.invokeAll(tasks)) {
        assertThat(done.get()).isTrue();
      }
    }
  }

  /** Text-like bytes (a small alphabet, so they compress) of {@code size}. */
  private static byte[] document(Random random, int size) {
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) ('a' + random.nextInt(12));
    }
    return data;
  }
}
