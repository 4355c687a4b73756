package dev.snscollector.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoStackTest {
  private static final Path SHM = Path.of("/dev/shm");

  @Test
  void objectsGoToSharedMemoryWhenItIsATmpfsWithRoom() throws IOException {
    assumeTrue(isTmpfs(SHM), "/dev/shm is not a tmpfs here");
    Path dir = DemoStack.objectsDirectory(SHM, 1024);
    try {
      assertThat(dir.getParent()).isEqualTo(SHM);
      assertThat(dir).isEmptyDirectory();
    } finally {
      Files.delete(dir);
    }
  }

  @Test
  void objectsGoToTheTempFolderWhenSharedMemoryIsTooSmall() throws IOException {
    assumeTrue(isTmpfs(SHM), "/dev/shm is not a tmpfs here");
    long moreThanHalf = Files.getFileStore(SHM).getUsableSpace() / 2 + 1;
    Path dir = DemoStack.objectsDirectory(SHM, moreThanHalf);
    try {
      assertThat(dir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    } finally {
      Files.delete(dir);
    }
  }

  @Test
  void objectsGoToTheTempFolderWhenTheFolderIsNotATmpfs(@TempDir Path notShared)
      throws IOException {
    assumeTrue(!isTmpfs(notShared), "the temp folder is itself a tmpfs here");
    Path dir = DemoStack.objectsDirectory(notShared, 1024);
    try {
      assertThat(dir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
      assertThat(notShared).isEmptyDirectory();
    } finally {
      Files.delete(dir);
    }
  }

  @Test
  void objectsGoToTheTempFolderWhenThereIsNoSharedMemory(@TempDir Path parent) throws IOException {
    Path dir = DemoStack.objectsDirectory(parent.resolve("missing"), 1024);
    try {
      assertThat(dir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    } finally {
      Files.delete(dir);
    }
  }

  @Test
  void withoutATmpfsTheApiBenchKeepsObjectsInTheHeap(@TempDir Path parent) throws IOException {
    assertThat(DemoStack.inSharedMemory(parent.resolve("missing"), 1024)).isNull();
    assumeTrue(isTmpfs(SHM), "/dev/shm is not a tmpfs here");
    long moreThanHalf = Files.getFileStore(SHM).getUsableSpace() / 2 + 1;
    assertThat(DemoStack.inSharedMemory(SHM, moreThanHalf)).isNull();
  }

  private static boolean isTmpfs(Path p) throws IOException {
    return Files.isDirectory(p) && "tmpfs".equals(Files.getFileStore(p).type());
  }
}
