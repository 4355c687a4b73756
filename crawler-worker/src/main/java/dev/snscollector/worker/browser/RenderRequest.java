package dev.snscollector.worker.browser;

import dev.snscollector.proxypool.ProxyEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * One page for a slot to render.
 *
 * @param url the URL to load, as given (it may carry credentials)
 * @param proxy the leased proxy the page goes through
 * @param session the job the page belongs to; with the proxy it picks the context (and cookies)
 * @param pageType the page type expected of the document
 * @param waitForSelector a selector to wait for instead of network idle
 */
record RenderRequest(
    String url,
    ProxyEndpoint proxy,
    @Nullable String session,
    @Nullable String pageType,
    @Nullable String waitForSelector) {

  /** Contexts are kept per proxy (with its credentials) and session: cookies never cross jobs. */
  record ContextKey(ProxyEndpoint proxy, @Nullable String session) {}

  ContextKey contextKey() {
    return new ContextKey(proxy, session);
  }
}
