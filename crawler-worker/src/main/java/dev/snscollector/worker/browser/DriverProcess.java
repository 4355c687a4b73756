package dev.snscollector.worker.browser;

import com.microsoft.playwright.Playwright;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One Playwright instance and the driver process behind it (Node, which runs Chromium as its
 * child), so that a hung browser can be killed from another thread. Playwright is not thread-safe
 * and exposes no process handle: the driver is found as the JVM's one new child running {@code
 * run-driver}, with creation serialized so two slots never start theirs at once.
 */
final class DriverProcess {
  /**
   * Playwright would otherwise try to download its own browser build at startup: there is no such
   * download here, and Debian's Chromium is used instead.
   */
  private static final Map<String, String> DRIVER_ENV =
      Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

  private final Playwright playwright;
  private final @Nullable ProcessHandle driver;

  private DriverProcess(Playwright playwright, @Nullable ProcessHandle driver) {
    this.playwright = playwright;
    this.driver = driver;
  }

  /** Starts the driver (unpacking it on the JVM's first call, 2 to 3 s). */
  static synchronized DriverProcess start() {
    Set<Long> before = childPids();
    Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(DRIVER_ENV));
    List<ProcessHandle> started =
        ProcessHandle.current()
            .children()
            .filter(p -> !before.contains(p.pid()))
            .filter(
                p -> p.info().arguments().map(a -> List.of(a).contains("run-driver")).orElse(false))
            .toList();
    return new DriverProcess(playwright, started.size() == 1 ? started.getFirst() : null);
  }

  Playwright playwright() {
    return playwright;
  }

  /**
   * Kills the driver and everything under it (Chromium and its renderers), children first so none
   * is orphaned. Safe from any thread; the Playwright call blocked on the slot's thread then fails
   * with a closed connection.
   *
   * @return false when the driver process was never identified and nothing could be killed
   */
  boolean kill() {
    if (driver == null) {
      return false;
    }
    driver.descendants().toList().forEach(ProcessHandle::destroyForcibly);
    driver.destroyForcibly();
    return true;
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }
}
