package dev.snscollector.worker.youtube;

import dev.snscollector.capture.Capture;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.worker.fetch.HttpFetcher;
import java.time.LocalDate;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * YouTube Analytics API v2 {@code reports.query}, with the creator's OAuth token (scope {@code
 * yt-analytics.readonly}): the channel's figures by day, and recent videos' figures over the same
 * window. The channel is named ({@code ids=channel==<id>}), not {@code MINE}, so every capture says
 * whose figures it holds. Analytics has a quota of its own; these calls are not charged to the Data
 * API's.
 */
public final class YoutubeAnalyticsClient {
  public static final String REPORTS = PageTypes.YOUTUBE_ANALYTICS_REPORTS;

  /** The channel's daily figures. */
  static final String CHANNEL_METRICS =
      "views,estimatedMinutesWatched,subscribersGained,subscribersLost";

  /** Each recent video's figures over the window. */
  static final String VIDEO_METRICS =
      "views,estimatedMinutesWatched,averageViewDuration,averageViewPercentage";

  /** Videos per report; the API filters up to 500 ids, a refresh reads the latest few. */
  public static final int MAX_VIDEOS = 50;

  private final HttpFetcher fetcher;
  private final HttpUrl reports;

  public YoutubeAnalyticsClient(HttpFetcher fetcher, String baseUrl) {
    this.fetcher = fetcher;
    HttpUrl parsed = HttpUrl.parse(baseUrl);
    if (parsed == null) {
      throw new IllegalArgumentException("YouTube Analytics base URL is not a URL: " + baseUrl);
    }
    this.reports = parsed.newBuilder().addPathSegment("reports").build();
  }

  /** The channel's figures for each day from {@code first} to {@code last}, inclusive. */
  public Capture channelDays(
      String channelId, LocalDate first, LocalDate last, YoutubeCredential.OAuthToken token) {
    HttpUrl url =
        window(channelId, first, last)
            .addEncodedQueryParameter("metrics", CHANNEL_METRICS)
            .addQueryParameter("dimensions", "day")
            .addQueryParameter("sort", "day")
            .build();
    return get(url, token);
  }

  /** Each of {@code videoIds}' figures over the days from {@code first} to {@code last}. */
  public Capture videos(
      String channelId,
      LocalDate first,
      LocalDate last,
      List<String> videoIds,
      YoutubeCredential.OAuthToken token) {
    if (videoIds.isEmpty() || videoIds.size() > MAX_VIDEOS) {
      throw new IllegalArgumentException(
          "a video report takes 1 to 50 ids, got " + videoIds.size());
    }
    HttpUrl url =
        window(channelId, first, last)
            .addEncodedQueryParameter("metrics", VIDEO_METRICS)
            .addQueryParameter("dimensions", "video")
            .addQueryParameter("filters", "video==" + String.join(",", videoIds))
            .addQueryParameter("sort", "-views")
            .build();
    return get(url, token);
  }

  private HttpUrl.Builder window(String channelId, LocalDate first, LocalDate last) {
    return reports
        .newBuilder()
        .addQueryParameter("ids", "channel==" + channelId)
        .addQueryParameter("startDate", first.toString())
        .addQueryParameter("endDate", last.toString());
  }

  private Capture get(HttpUrl url, YoutubeCredential.OAuthToken token) {
    Request request =
        new Request.Builder()
            .get()
            .url(url)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token.value())
            .build();
    return fetcher.fetch(request, url.toString(), REPORTS);
  }
}
