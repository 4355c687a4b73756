/**
 * Naver Blog's routes: public documents only (Naver has no API for this data) over the crawl or the
 * browser route ({@link dev.snscollector.worker.naver.NaverBlogCollector}).
 */
@NullMarked
package dev.snscollector.worker.naver;

import org.jspecify.annotations.NullMarked;
