/**
 * YouTube page types, each with a structure schema under {@code /structure/}.
 *
 * <p>Data API v3: {@code youtube.api.channels} (channels.list), {@code youtube.api.playlist_items}
 * (playlistItems.list), {@code youtube.api.videos} (videos.list) and {@code
 * youtube.api.comment_threads} (commentThreads.list). Error bodies are classified by {@link
 * dev.snscollector.parsers.youtube.YoutubeApiErrors}; 5xx responses are the fetcher's to retry.
 *
 * <p>Web: {@code youtube.web.channel}, {@code youtube.web.videos_tab}, {@code youtube.web.watch}
 * and {@code youtube.web.comments}, registered by {@link
 * dev.snscollector.parsers.youtube.YoutubeWebParsers}. Walls (consent, captcha, 404) are classified
 * by one shared classifier before anything is read; pages are scanned as bytes and their embedded
 * JSON read with only the paths each schema declares, with no DOM.
 */
@NullMarked
package dev.snscollector.parsers.youtube;

import org.jspecify.annotations.NullMarked;
