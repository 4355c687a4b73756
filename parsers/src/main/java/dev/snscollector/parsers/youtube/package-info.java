/**
 * YouTube Data API v3 page types: {@code youtube.api.channels} (channels.list), {@code
 * youtube.api.playlist_items} (playlistItems.list) and {@code youtube.api.videos} (videos.list),
 * each with a structure schema under {@code /structure/}. Error bodies are classified by {@link
 * dev.snscollector.parsers.youtube.YoutubeApiErrors}; 5xx responses are the fetcher's to retry.
 */
@NullMarked
package dev.snscollector.parsers.youtube;

import org.jspecify.annotations.NullMarked;
