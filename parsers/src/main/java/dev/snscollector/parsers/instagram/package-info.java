/**
 * Instagram page types. Graph API (with the creator's token): {@code instagram.graph.user}, {@code
 * instagram.graph.media_list}, {@code instagram.graph.media}, {@code
 * instagram.graph.media_insights}, {@code instagram.graph.user_insights}, {@code
 * instagram.graph.comments} and {@code instagram.graph.business_discovery}, whose error bodies
 * {@link dev.snscollector.parsers.instagram.InstagramGraphErrors} classifies. Web: {@code
 * instagram.web.profile_info} and {@code instagram.web.media_info} (the JSON the web and app
 * clients read, walls classified by {@link dev.snscollector.parsers.instagram.InstagramWebErrors})
 * and {@code instagram.web.profile_page} and {@code instagram.web.post_page} (the logged-out HTML
 * shells of a profile and of a post or reel, read through their meta tags). Refusals that name no
 * page type (login redirects and pages, throttling) are {@link
 * dev.snscollector.parsers.instagram.InstagramRefusals}'. Each has a structure schema under {@code
 * /structure/}; {@link dev.snscollector.parsers.instagram.InstagramParsers} registers and
 * recognizes them.
 */
@NullMarked
package dev.snscollector.parsers.instagram;

import org.jspecify.annotations.NullMarked;
