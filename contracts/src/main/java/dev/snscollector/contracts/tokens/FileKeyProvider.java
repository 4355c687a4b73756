package dev.snscollector.contracts.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key ring read from a file of {@code id=base64key} lines, checked for changes at most once per
 * interval and re-read when its modification time moves. A file that became unreadable or invalid
 * keeps the last good ring in use (and says so in the log, without key material): a bad rotation
 * never takes the fleet's tokens down.
 */
public final class FileKeyProvider implements KeyProvider {
  private static final Logger log = LoggerFactory.getLogger(FileKeyProvider.class);

  private final Path file;
  private final @Nullable String activeKeyId;
  private final Clock clock;
  private final Duration checkEvery;
  private KeyRing ring;
  private FileTime loadedVersion;
  private Instant checkedAt;

  /**
   * @throws IllegalArgumentException or {@link UncheckedIOException} when the file cannot give a
   *     ring at start
   */
  public FileKeyProvider(
      Path file, @Nullable String activeKeyId, Clock clock, Duration checkEvery) {
    this.file = file;
    this.activeKeyId = activeKeyId;
    this.clock = clock;
    this.checkEvery = checkEvery;
    this.loadedVersion = modified();
    this.ring = read();
    this.checkedAt = clock.instant();
  }

  @Override
  public synchronized KeyRing current() {
    Instant now = clock.instant();
    if (Duration.between(checkedAt, now).compareTo(checkEvery) < 0) {
      return ring;
    }
    checkedAt = now;
    try {
      FileTime version = modified();
      if (!version.equals(loadedVersion)) {
        KeyRing fresh = read();
        log.info("token key file {} changed: ring now {} (was {})", file, fresh, ring);
        ring = fresh;
        loadedVersion = version;
      }
    } catch (RuntimeException e) {
      log.warn("token key file {} unusable, keeping the last good ring: {}", file, e.getMessage());
    }
    return ring;
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read TOKEN_KEYS_FILE " + file, e);
    }
  }

  private KeyRing read() {
    Map<String, String> env = new HashMap<>();
    env.put("TOKEN_KEYS_FILE", file.toString());
    if (activeKeyId != null) {
      env.put("TOKEN_ACTIVE_KEY", activeKeyId);
    }
    return KeyRing.fromEnvironment(env)
        .orElseThrow(() -> new IllegalStateException("TOKEN_KEYS_FILE gave no keys"));
  }
}
