package dev.snscollector.worker.browser;

import dev.snscollector.contracts.EnvSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the browser route runs Chromium.
 *
 * @param executable the Chromium binary (Debian's {@code chromium}; Playwright never downloads one)
 * @param slots browsers run at once, each a Chromium process driven from its own platform thread;
 *     one page renders per slot at a time
 * @param contextsPerSlot browser contexts (one per proxy and session, each with its own cookies)
 *     kept open per slot; the least recently used is closed beyond that
 * @param pagesPerContext pages a context serves before it is closed and made afresh
 * @param pageTimeout the budget of one page: navigation plus the wait for its content
 * @param settleTime without a wait-for selector, how long to wait for the network to go idle after
 *     the document loaded (the page's own requests, e.g. its JSON); not reaching idle is no error
 * @param launchTimeout the budget for starting the driver and Chromium, on a slot's first page
 * @param hangGrace how long past the page timeout a caller waits before it declares the browser
 *     hung, kills its processes and leaves the slot to be relaunched
 * @param queueTimeout how long a caller waits for a free slot before giving up (transient)
 * @param headless false only to watch a page render while debugging
 * @param userAgent the User-Agent; null derives a desktop Chrome one from the browser's version
 */
public record BrowserConfig(
    Path executable,
    int slots,
    int contextsPerSlot,
    int pagesPerContext,
    Duration pageTimeout,
    Duration settleTime,
    Duration launchTimeout,
    Duration hangGrace,
    Duration queueTimeout,
    boolean headless,
    @Nullable String userAgent) {

  public static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/chromium");

  public BrowserConfig {
    Objects.requireNonNull(executable, "executable");
    requireRange("slots", slots, 1, 64);
    requireRange("contextsPerSlot", contextsPerSlot, 1, 256);
    requireRange("pagesPerContext", pagesPerContext, 1, 100_000);
    requirePositive("pageTimeout", pageTimeout);
    Objects.requireNonNull(settleTime, "settleTime");
    if (settleTime.isNegative()) {
      throw new IllegalArgumentException("settleTime must not be negative");
    }
    requirePositive("launchTimeout", launchTimeout);
    requirePositive("hangGrace", hangGrace);
    requirePositive("queueTimeout", queueTimeout);
  }

  /** One slot, 4 contexts, 50 pages per context, 20 s per page, headless. */
  public static BrowserConfig defaults() {
    return new BrowserConfig(
        DEFAULT_EXECUTABLE,
        1,
        4,
        50,
        Duration.ofSeconds(20),
        Duration.ofMillis(1500),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        true,
        null);
  }

  /**
   * Reads {@code BROWSER_EXECUTABLE}, {@code BROWSER_SLOTS}, {@code BROWSER_CONTEXTS_PER_SLOT},
   * {@code BROWSER_PAGES_PER_CONTEXT}, {@code BROWSER_PAGE_TIMEOUT_SECONDS}, {@code
   * BROWSER_SETTLE_MILLIS}, {@code BROWSER_LAUNCH_TIMEOUT_SECONDS}, {@code
   * BROWSER_HANG_GRACE_SECONDS}, {@code BROWSER_QUEUE_TIMEOUT_SECONDS}, {@code BROWSER_HEADLESS}
   * and {@code BROWSER_USER_AGENT}; unset ones keep {@link #defaults()}. Whether the executable
   * exists is not checked here (see {@link #executableAvailable()}): a worker without Chromium
   * still runs its other routes.
   *
   * @throws IllegalArgumentException naming every bad variable at once
   */
  public static BrowserConfig fromEnvironment(Map<String, String> env) {
    EnvSettings r = new EnvSettings(env, "browser");
    BrowserConfig config = read(r);
    r.throwIfInvalid();
    return config;
  }

  /** The browser settings {@code r} describes; their problems are left in {@code r}. */
  public static BrowserConfig read(EnvSettings r) {
    BrowserConfig d = defaults();
    String exe = r.optional("BROWSER_EXECUTABLE");
    return new BrowserConfig(
        exe == null ? DEFAULT_EXECUTABLE : Path.of(exe),
        r.integer("BROWSER_SLOTS", d.slots, 1, 64),
        r.integer("BROWSER_CONTEXTS_PER_SLOT", d.contextsPerSlot, 1, 256),
        r.integer("BROWSER_PAGES_PER_CONTEXT", d.pagesPerContext, 1, 100_000),
        r.seconds("BROWSER_PAGE_TIMEOUT_SECONDS", d.pageTimeout, 1, 600),
        r.millis("BROWSER_SETTLE_MILLIS", d.settleTime, 0, 60_000),
        r.seconds("BROWSER_LAUNCH_TIMEOUT_SECONDS", d.launchTimeout, 1, 600),
        r.seconds("BROWSER_HANG_GRACE_SECONDS", d.hangGrace, 1, 600),
        r.seconds("BROWSER_QUEUE_TIMEOUT_SECONDS", d.queueTimeout, 1, 3600),
        r.bool("BROWSER_HEADLESS", d.headless),
        r.optional("BROWSER_USER_AGENT"));
  }

  /** Whether the Chromium binary is there and executable: without it the route cannot run. */
  public boolean executableAvailable() {
    return Files.isExecutable(executable);
  }

  public BrowserConfig withPageTimeout(Duration value) {
    return new BrowserConfig(
        executable,
        slots,
        contextsPerSlot,
        pagesPerContext,
        value,
        settleTime,
        launchTimeout,
        hangGrace,
        queueTimeout,
        headless,
        userAgent);
  }

  public BrowserConfig withHangGrace(Duration value) {
    return new BrowserConfig(
        executable,
        slots,
        contextsPerSlot,
        pagesPerContext,
        pageTimeout,
        settleTime,
        launchTimeout,
        value,
        queueTimeout,
        headless,
        userAgent);
  }

  public BrowserConfig withSlots(int value) {
    return new BrowserConfig(
        executable,
        value,
        contextsPerSlot,
        pagesPerContext,
        pageTimeout,
        settleTime,
        launchTimeout,
        hangGrace,
        queueTimeout,
        headless,
        userAgent);
  }

  public BrowserConfig withPagesPerContext(int value) {
    return new BrowserConfig(
        executable,
        slots,
        contextsPerSlot,
        value,
        pageTimeout,
        settleTime,
        launchTimeout,
        hangGrace,
        queueTimeout,
        headless,
        userAgent);
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be in " + min + ".." + max);
    }
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
