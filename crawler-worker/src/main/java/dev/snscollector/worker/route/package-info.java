/**
 * The route plan: per platform and kind an ordered list of routes (api, crawl, browser), the
 * collectors that serve each, and the rules that move a job from one route to the next.
 */
@NullMarked
package dev.snscollector.worker.route;

import org.jspecify.annotations.NullMarked;
