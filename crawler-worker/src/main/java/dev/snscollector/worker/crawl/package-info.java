/**
 * The crawl route: public pages over HTTP through the proxy pool, one header profile per session.
 */
@NullMarked
package dev.snscollector.worker.crawl;

import org.jspecify.annotations.NullMarked;
