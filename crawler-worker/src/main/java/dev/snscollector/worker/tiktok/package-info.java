/**
 * TikTok's routes: the Display API v2 with the creator's token ({@link
 * dev.snscollector.worker.tiktok.TiktokApiCollector}), and the public profile and video pages over
 * the crawl or the browser route ({@link dev.snscollector.worker.tiktok.TiktokWebCollector}).
 */
@NullMarked
package dev.snscollector.worker.tiktok;

import org.jspecify.annotations.NullMarked;
