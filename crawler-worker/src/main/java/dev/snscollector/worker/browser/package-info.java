/**
 * The browser route: pages that only render with JavaScript, loaded by Playwright in Debian's
 * Chromium through the proxy pool. It returns the rendered document and the JSON the page fetched
 * as {@link dev.snscollector.capture.Capture captures}, so the same parsers and structure schemas
 * apply as on the crawl route.
 */
@NullMarked
package dev.snscollector.worker.browser;

import org.jspecify.annotations.NullMarked;
