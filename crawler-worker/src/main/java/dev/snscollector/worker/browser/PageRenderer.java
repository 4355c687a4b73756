package dev.snscollector.worker.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.WaitUntilState;
import dev.snscollector.capture.Capture;
import dev.snscollector.capture.CaptureScrubber;
import dev.snscollector.proxypool.LeaseOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Renders one page on a slot's thread: loads it, waits for the selector or for the network to go
 * idle, and reads the DOM and the JSON the page fetched. Failures are Playwright's exceptions
 * ({@link TimeoutError} when the page budget ran out), left to the slot to classify.
 */
final class PageRenderer {
  /** As {@code WorkerRuntime.MAX_BODY_BYTES}: a runaway document should not take the heap. */
  static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

  static final int MAX_JSON_BYTES = 2 * 1024 * 1024;
  static final int MAX_JSON_RESPONSES = 50;

  private final BrowserConfig config;
  private final Clock clock;

  PageRenderer(BrowserConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  RenderedPage render(Page page, RenderRequest request) {
    long deadline = System.nanoTime() + config.pageTimeout().toNanos();
    // Responses are only read once their request finished: a streaming or long-polling response
    // would block a body read for good.
    Map<Request, Response> json = new LinkedHashMap<>();
    Set<Request> finished = Collections.newSetFromMap(new IdentityHashMap<>());
    page.onResponse(
        r -> {
          if (json.size() < MAX_JSON_RESPONSES && isJson(r)) {
            json.put(r.request(), r);
          }
        });
    page.onRequestFinished(finished::add);

    Response main =
        page.navigate(
            request.url(),
            new Page.NavigateOptions()
                .setWaitUntil(WaitUntilState.DOMCONTENTLOADED)
                .setTimeout(millisLeft(deadline)));
    boolean settled = settle(page, request.waitForSelector(), deadline);
    byte[] html = content(page, deadline).getBytes(StandardCharsets.UTF_8);
    if (html.length > MAX_DOCUMENT_BYTES) {
      throw new RenderFailure(
          LeaseOutcome.OK,
          "rendered document of "
              + html.length
              + " bytes exceeds the cap of "
              + MAX_DOCUMENT_BYTES);
    }
    Map<String, String> headers =
        main == null ? new HashMap<>() : CaptureScrubber.keptHeaders(main.headers());
    // The DOM is serialized anew, always as UTF-8, whatever the page was sent in.
    headers.put("content-type", "text/html; charset=utf-8");
    Capture document =
        new Capture(
            CaptureScrubber.url(page.url()),
            "GET",
            main == null ? 200 : main.status(),
            headers,
            html,
            clock.instant(),
            request.pageType());

    List<Capture> responses = new ArrayList<>();
    json.forEach(
        (req, response) -> {
          if (finished.contains(req)) {
            Capture c = jsonCapture(response);
            if (c != null) {
              responses.add(c);
            }
          }
        });
    return new RenderedPage(document, responses, settled);
  }

  private boolean settle(Page page, @Nullable String selector, long deadline) {
    try {
      if (selector != null) {
        page.waitForSelector(
            selector,
            new Page.WaitForSelectorOptions()
                .setState(WaitForSelectorState.ATTACHED)
                .setTimeout(millisLeft(deadline)));
      } else {
        double settle = Math.min(config.settleTime().toMillis(), millisLeft(deadline));
        page.waitForLoadState(
            LoadState.NETWORKIDLE,
            new Page.WaitForLoadStateOptions().setTimeout(Math.max(1, settle)));
      }
      return true;
    } catch (TimeoutError e) {
      return false;
    }
  }

  private static String content(Page page, long deadline) {
    try {
      return page.content();
    } catch (TimeoutError e) {
      throw e;
    } catch (PlaywrightException e) {
      // A script navigated away (a client-side redirect, e.g. to a login page) while the DOM was
      // read: read the page it went to.
      page.waitForLoadState(
          LoadState.DOMCONTENTLOADED,
          new Page.WaitForLoadStateOptions().setTimeout(millisLeft(deadline)));
      return page.content();
    }
  }

  private @Nullable Capture jsonCapture(Response response) {
    if (declaredTooLarge(response.headers().get("content-length"))) {
      return null;
    }
    byte[] body;
    try {
      body = response.body();
    } catch (PlaywrightException e) {
      // Evicted from the browser's buffer, or a redirect without a body: nothing to keep.
      return null;
    }
    if (body.length > MAX_JSON_BYTES) {
      return null;
    }
    return new Capture(
        CaptureScrubber.url(response.url()),
        response.request().method(),
        response.status(),
        CaptureScrubber.keptHeaders(response.headers()),
        body,
        clock.instant(),
        null);
  }

  private static boolean declaredTooLarge(@Nullable String contentLength) {
    if (contentLength == null) {
      return false;
    }
    try {
      return Long.parseLong(contentLength.strip()) > MAX_JSON_BYTES;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isJson(Response response) {
    String type = response.headers().get("content-type");
    if (type == null) {
      return false;
    }
    int semicolon = type.indexOf(';');
    String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    media = media.toLowerCase(Locale.ROOT);
    return media.equals("application/json") || media.endsWith("+json");
  }

  /** Playwright reads a timeout of 0 as none at all: never pass less than 1 ms. */
  private static double millisLeft(long deadline) {
    return Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
  }
}
