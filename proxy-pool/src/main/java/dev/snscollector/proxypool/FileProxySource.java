package dev.snscollector.proxypool;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxies from a UTF-8 file, one URI per line ({@code http://user:pass@host:port}, {@code
 * socks5://host:port}); blank lines and lines starting with {@code #} are skipped.
 *
 * <p>On access, at most once per {@code minCheckInterval}, the file's modification time is checked
 * and the file re-read if it changed. A line that does not parse is skipped and logged by line
 * number only (it may hold a password). If the file cannot be read, the last good list stays.
 */
public final class FileProxySource implements ProxySource {
  private static final Logger log = LoggerFactory.getLogger(FileProxySource.class);

  private final Path file;
  private final Clock clock;
  private final Duration minCheckInterval;
  private List<ProxyEndpoint> current = List.of();
  private @Nullable FileTime loadedModified;
  private @Nullable Instant lastCheck;

  public FileProxySource(Path file, Clock clock, Duration minCheckInterval) {
    if (minCheckInterval.isNegative()) {
      throw new IllegalArgumentException("minCheckInterval must not be negative");
    }
    this.file = file;
    this.clock = clock;
    this.minCheckInterval = minCheckInterval;
  }

  @Override
  public synchronized List<ProxyEndpoint> endpoints() {
    Instant now = clock.instant();
    if (lastCheck == null || !now.isBefore(lastCheck.plus(minCheckInterval))) {
      lastCheck = now;
      reloadIfChanged();
    }
    return current;
  }

  private void reloadIfChanged() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.equals(loadedModified)) {
        return;
      }
      current = parse(Files.readAllLines(file, UTF_8));
      loadedModified = modified;
      log.info("loaded {} proxies from {}", current.size(), file);
    } catch (IOException e) {
      log.warn(
          "cannot read proxy file {}, keeping {} proxies: {}", file, current.size(), e.toString());
    }
  }

  static List<ProxyEndpoint> parse(List<String> lines) {
    List<ProxyEndpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        endpoints.add(ProxyEndpoint.parse(line));
      } catch (IllegalArgumentException e) {
        log.warn("proxy file line {} skipped: {}", i + 1, e.getMessage());
      }
    }
    return List.copyOf(endpoints);
  }
}
