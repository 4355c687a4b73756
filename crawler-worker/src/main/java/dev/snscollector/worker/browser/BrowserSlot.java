package dev.snscollector.worker.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.Proxy;
import dev.snscollector.proxypool.LeaseOutcome;
import dev.snscollector.proxypool.ProxyEndpoint;
import dev.snscollector.worker.browser.RenderRequest.ContextKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Chromium and the platform thread that alone drives it (Playwright is not thread-safe), with
 * its contexts: one per proxy and session, at most {@link BrowserConfig#contextsPerSlot()} (least
 * recently used closed first), each closed after {@link BrowserConfig#pagesPerContext()} pages or
 * any failure. Chromium starts on the first page and again after it went away.
 *
 * <p>A slot whose thread hangs is {@link #abandon abandoned}: its processes are killed from the
 * caller's thread and its owner puts a fresh slot in its place.
 */
final class BrowserSlot {
  private static final Logger LOG = LoggerFactory.getLogger(BrowserSlot.class);
  private static final String ACCEPT_LANGUAGE = "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7";
  private static final Set<String> BLOCKED_RESOURCES = Set.of("image", "font", "media");
  private static final Pattern NET_ERROR = Pattern.compile("net::(ERR_[A-Z_]+)");

  private final String name;
  private final BrowserConfig config;
  private final PageRenderer renderer;
  private final ExecutorService thread;
  private volatile @Nullable DriverProcess driver;
  private volatile boolean running;
  private volatile boolean abandoned;

  // Confined to the slot's thread.
  private @Nullable Browser browser;
  private String userAgent = "";
  private final Map<ContextKey, PooledContext> contexts = new LinkedHashMap<>(16, 0.75f, true);

  private static final class PooledContext {
    final BrowserContext context;
    int pages;
    boolean broken;

    PooledContext(BrowserContext context) {
      this.context = context;
    }
  }

  BrowserSlot(String name, BrowserConfig config, Clock clock) {
    this.name = name;
    this.config = config;
    this.renderer = new PageRenderer(config, clock);
    this.thread =
        Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name).daemon().factory());
  }

  /** Whether Chromium is up, so a page need not wait for a launch. */
  boolean running() {
    return running;
  }

  /**
   * Queues a page on the slot's thread; {@code whenDone} runs on that thread once the page is done
   * either way.
   *
   * @throws java.util.concurrent.RejectedExecutionException when the slot was closed or abandoned
   */
  Future<RenderedPage> submit(RenderRequest request, Runnable whenDone) {
    return thread.submit(
        () -> {
          try {
            return renderOnThread(request);
          } finally {
            whenDone.run();
          }
        });
  }

  private RenderedPage renderOnThread(RenderRequest request) {
    Browser b = ensureBrowser();
    ContextKey key = request.contextKey();
    PooledContext pooled = null;
    Page page = null;
    try {
      pooled = context(b, key);
      page = pooled.context.newPage();
      PooledContext current = pooled;
      page.onCrash(p -> current.broken = true);
      return renderer.render(page, request);
    } catch (TimeoutError e) {
      if (pooled != null) {
        pooled.broken = true;
      }
      throw new RenderFailure(
          LeaseOutcome.TIMED_OUT, "no page within " + config.pageTimeout().toSeconds() + " s");
    } catch (PlaywrightException e) {
      boolean crashed = pooled != null && pooled.broken;
      if (pooled != null) {
        pooled.broken = true;
      }
      throw classify(e, b, crashed);
    } finally {
      if (!abandoned) {
        release(key, pooled, page);
      }
    }
  }

  private void release(ContextKey key, @Nullable PooledContext pooled, @Nullable Page page) {
    if (page != null) {
      quietly(page::close);
    }
    if (pooled != null && (pooled.broken || ++pooled.pages >= config.pagesPerContext())) {
      contexts.remove(key);
      quietly(pooled.context::close);
    }
  }

  private RenderFailure classify(PlaywrightException e, Browser b, boolean crashed) {
    if (abandoned) {
      return new RenderFailure(LeaseOutcome.TIMED_OUT, "browser hung and was killed");
    }
    if (!b.isConnected()) {
      teardown();
      // The proxy had no part in it: the lease goes back as a success.
      return new RenderFailure(LeaseOutcome.OK, "browser went away; it restarts on the next page");
    }
    if (crashed) {
      return new RenderFailure(LeaseOutcome.OK, "page crashed");
    }
    // Playwright reports network errors only in its message (which also holds the URL, so the
    // message itself is never passed on): the net:: code is all that is taken from it.
    Matcher m = NET_ERROR.matcher(String.valueOf(e.getMessage()));
    if (m.find()) {
      String code = m.group(1);
      return new RenderFailure(
          code.contains("TIMED_OUT") ? LeaseOutcome.TIMED_OUT : LeaseOutcome.CONNECT_FAILED, code);
    }
    return new RenderFailure(
        LeaseOutcome.OK, "browser error (" + e.getClass().getSimpleName() + ")");
  }

  private Browser ensureBrowser() {
    Browser b = browser;
    if (b != null && b.isConnected()) {
      return b;
    }
    teardown();
    try {
      DriverProcess d = DriverProcess.start();
      driver = d;
      b =
          d.playwright()
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(config.executable())
                      .setHeadless(config.headless())
                      .setArgs(
                          List.of(
                              // Containers give /dev/shm 64 MB, too little for the renderers.
                              "--disable-dev-shm-usage",
                              // Korean first in navigator.languages and in Accept-Language; a
                              // context locale would cut the header down to "ko-KR" alone.
                              "--lang=ko-KR",
                              "--accept-lang=ko-KR,ko,en-US,en"))
                      .setTimeout(config.launchTimeout().toMillis()));
    } catch (PlaywrightException e) {
      teardown();
      String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new RenderFailure(
          LeaseOutcome.OK, "Chromium did not start from " + config.executable() + ": " + detail);
    }
    String configured = config.userAgent();
    userAgent = configured != null ? configured : desktopUserAgent(b.version());
    browser = b;
    running = true;
    LOG.info("{}: Chromium {} started from {}", name, b.version(), config.executable());
    return b;
  }

  /**
   * Headless Chromium calls itself "HeadlessChrome", which sites turn away: present as the desktop
   * Chrome of the same major version, so the User-Agent agrees with the client hints Chromium sends
   * on its own.
   */
  static String desktopUserAgent(String version) {
    String major = version.contains(".") ? version.substring(0, version.indexOf('.')) : version;
    return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
        + major
        + ".0.0.0 Safari/537.36";
  }

  private PooledContext context(Browser b, ContextKey key) {
    PooledContext existing = contexts.get(key);
    if (existing != null) {
      return existing;
    }
    Iterator<PooledContext> eldest = contexts.values().iterator();
    while (contexts.size() >= config.contextsPerSlot() && eldest.hasNext()) {
      BrowserContext evicted = eldest.next().context;
      eldest.remove();
      quietly(evicted::close);
    }
    Browser.NewContextOptions options =
        new Browser.NewContextOptions()
            .setUserAgent(userAgent)
            .setTimezoneId("Asia/Seoul")
            .setExtraHTTPHeaders(Map.of("Accept-Language", ACCEPT_LANGUAGE));
    Proxy proxy = proxyOf(key.proxy());
    if (proxy != null) {
      options.setProxy(proxy);
    }
    BrowserContext context = b.newContext(options);
    context.route(
        "**/*",
        route -> {
          if (BLOCKED_RESOURCES.contains(route.request().resourceType())) {
            route.abort("blockedbyclient");
          } else {
            route.resume();
          }
        });
    PooledContext pooled = new PooledContext(context);
    contexts.put(key, pooled);
    return pooled;
  }

  private static @Nullable Proxy proxyOf(ProxyEndpoint endpoint) {
    if (endpoint.isDirect()) {
      return null;
    }
    Proxy proxy =
        new Proxy(
            endpoint.scheme().name().toLowerCase(Locale.ROOT)
                + "://"
                + endpoint.host()
                + ":"
                + endpoint.port());
    if (endpoint.username() != null) {
      proxy.setUsername(endpoint.username());
    }
    if (endpoint.password() != null) {
      proxy.setPassword(endpoint.password());
    }
    return proxy;
  }

  /** Closes contexts, Chromium and the driver, ignoring errors: on the slot's thread only. */
  private void teardown() {
    running = false;
    contexts.clear();
    Browser b = browser;
    browser = null;
    DriverProcess d = driver;
    driver = null;
    if (b != null) {
      quietly(b::close);
    }
    if (d != null) {
      quietly(() -> d.playwright().close());
    }
  }

  /**
   * Kills the slot's driver and Chromium from any thread and stops its thread once the page it is
   * stuck on fails. The slot takes no more pages.
   */
  void abandon() {
    abandoned = true;
    running = false;
    DriverProcess d = driver;
    boolean killed = d != null && d.kill();
    thread.shutdown();
    LOG.warn(
        "{}: browser hung; {}",
        name,
        killed ? "driver and Chromium killed" : "no browser process was found to kill");
  }

  /** Closes Chromium and the driver, abandoning the slot if that takes longer than {@code wait}. */
  void close(Duration wait) {
    if (abandoned) {
      return;
    }
    try {
      thread.execute(this::teardown);
    } catch (RejectedExecutionException e) {
      return; // closed before
    }
    thread.shutdown();
    try {
      if (!thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        abandon();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon();
    }
  }

  private static void quietly(Runnable close) {
    try {
      close.run();
    } catch (PlaywrightException e) {
      LOG.debug("closing a browser resource failed: {}", e.getClass().getSimpleName());
    }
  }
}
