package dev.snscollector.worker.youtube;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.TargetRef;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.worker.fetch.HttpFetcher;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * YouTube Data API v3 requests with the real URLs, parameters and headers: channels.list,
 * playlistItems.list, videos.list and commentThreads.list. Each call returns the raw capture;
 * parsing and classification are the parsers' job. The base URL is configurable so a local origin
 * can stand in for {@code https://www.googleapis.com/youtube/v3}.
 */
public final class YoutubeDataApiClient {
  public static final String CHANNELS = PageTypes.YOUTUBE_API_CHANNELS;
  public static final String PLAYLIST_ITEMS = PageTypes.YOUTUBE_API_PLAYLIST_ITEMS;
  public static final String VIDEOS = PageTypes.YOUTUBE_API_VIDEOS;
  public static final String COMMENT_THREADS = PageTypes.YOUTUBE_API_COMMENT_THREADS;

  /** The API's page size ceiling for commentThreads.list. */
  public static final int MAX_COMMENT_PAGE = 100;

  /** The API's page size ceiling for playlistItems and ids per videos.list call. */
  public static final int MAX_PAGE = 50;

  private final HttpFetcher fetcher;
  private final HttpUrl base;

  public YoutubeDataApiClient(HttpFetcher fetcher, String baseUrl) {
    this.fetcher = fetcher;
    HttpUrl parsed = HttpUrl.parse(baseUrl);
    if (parsed == null) {
      throw new IllegalArgumentException("YouTube API base URL is not a URL: " + baseUrl);
    }
    this.base = parsed;
  }

  /** channels.list for a handle, a channel id or a legacy user name. */
  public Capture channels(TargetRef target, YoutubeCredential credential) {
    HttpUrl.Builder url =
        endpoint("channels").addQueryParameter("part", "snippet,contentDetails,statistics");
    switch (target.type()) {
      case HANDLE -> url.addQueryParameter("forHandle", "@" + target.value());
      case ACCOUNT_ID -> url.addQueryParameter("id", target.value());
      case LEGACY_USERNAME -> url.addQueryParameter("forUsername", target.value());
      case POST_ID ->
          throw new IllegalArgumentException("channels.list needs a channel, not a video");
    }
    return get(url.build(), credential, CHANNELS);
  }

  /** One page of playlistItems.list. */
  public Capture playlistItems(
      String playlistId, @Nullable String pageToken, int pageSize, YoutubeCredential credential) {
    HttpUrl.Builder url =
        endpoint("playlistItems")
            .addQueryParameter("part", "snippet,contentDetails")
            .addQueryParameter("playlistId", playlistId)
            .addQueryParameter("maxResults", Integer.toString(Math.clamp(pageSize, 1, MAX_PAGE)));
    if (pageToken != null) {
      url.addQueryParameter("pageToken", pageToken);
    }
    return get(url.build(), credential, PLAYLIST_ITEMS);
  }

  /** videos.list for up to 50 ids. */
  public Capture videos(List<String> ids, YoutubeCredential credential) {
    if (ids.isEmpty() || ids.size() > MAX_PAGE) {
      throw new IllegalArgumentException("videos.list takes 1 to 50 ids, got " + ids.size());
    }
    HttpUrl url =
        endpoint("videos")
            .addQueryParameter("part", "snippet,contentDetails,statistics")
            .addQueryParameter("id", String.join(",", ids))
            .build();
    return get(url, credential, VIDEOS);
  }

  /** One page of commentThreads.list for a video, newest first, with the included replies. */
  public Capture commentThreads(
      String videoId, @Nullable String pageToken, int pageSize, YoutubeCredential credential) {
    HttpUrl.Builder url =
        endpoint("commentThreads")
            .addQueryParameter("part", "snippet,replies")
            .addQueryParameter("videoId", videoId)
            .addQueryParameter(
                "maxResults", Integer.toString(Math.clamp(pageSize, 1, MAX_COMMENT_PAGE)))
            .addQueryParameter("order", "time");
    if (pageToken != null) {
      url.addQueryParameter("pageToken", pageToken);
    }
    return get(url.build(), credential, COMMENT_THREADS);
  }

  private HttpUrl.Builder endpoint(String resource) {
    return base.newBuilder().addPathSegment(resource);
  }

  private Capture get(HttpUrl url, YoutubeCredential credential, String pageType) {
    Request.Builder request = new Request.Builder().get().header("Accept", "application/json");
    HttpUrl sent = url;
    switch (credential) {
      case YoutubeCredential.ApiKey key ->
          sent = url.newBuilder().addQueryParameter("key", key.value()).build();
      case YoutubeCredential.OAuthToken token ->
          request.header("Authorization", "Bearer " + token.value());
      case YoutubeCredential.None none -> {}
    }
    // The capture and every error name `url`, which never carries the key.
    return fetcher.fetch(request.url(sent).build(), url.toString(), pageType);
  }
}
