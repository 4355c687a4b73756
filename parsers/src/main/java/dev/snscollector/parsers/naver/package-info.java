/**
 * Naver Blog page types: {@code naver_blog.rss} (the blog's RSS 2.0 feed), {@code naver_blog.post}
 * (the mobile PostView page in all three editor generations: SmartEditor ONE, 3 and 2) and {@code
 * naver_blog.profile} (the mobile blog-info JSON). Pages read through the DOM (RSS and post) are
 * turned into an intermediate JSON tree first, and that tree is what the structure schema checks.
 */
@NullMarked
package dev.snscollector.parsers.naver;

import org.jspecify.annotations.NullMarked;
