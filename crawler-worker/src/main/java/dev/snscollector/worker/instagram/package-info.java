/**
 * Instagram's routes: the Graph API with the creator's own token ({@link
 * dev.snscollector.worker.instagram.InstagramGraphCollector}, paced by the shared {@link
 * dev.snscollector.worker.budget.GraphUsageGovernor}) and the public web endpoints the site's own
 * app calls ({@link dev.snscollector.worker.instagram.InstagramWebCollector}, over the crawl or the
 * browser route).
 */
@NullMarked
package dev.snscollector.worker.instagram;

import org.jspecify.annotations.NullMarked;
