package dev.snscollector.parsers;

import java.util.List;

/**
 * Every page type id, as compile-time constants that the parsers, the worker's routes and the tools
 * share: a typo fails the build, not a job. Ids are {@code <platform>.<surface>.<name>}; a test
 * checks that this list and {@link ParserRegistry#defaults()} name the same page types.
 */
public final class PageTypes {
  public static final String INSTAGRAM_GRAPH_BUSINESS_DISCOVERY =
      "instagram.graph.business_discovery";
  public static final String INSTAGRAM_GRAPH_COMMENTS = "instagram.graph.comments";
  public static final String INSTAGRAM_GRAPH_MEDIA = "instagram.graph.media";
  public static final String INSTAGRAM_GRAPH_MEDIA_INSIGHTS = "instagram.graph.media_insights";
  public static final String INSTAGRAM_GRAPH_MEDIA_LIST = "instagram.graph.media_list";
  public static final String INSTAGRAM_GRAPH_USER = "instagram.graph.user";
  public static final String INSTAGRAM_GRAPH_USER_INSIGHTS = "instagram.graph.user_insights";
  public static final String INSTAGRAM_WEB_MEDIA_INFO = "instagram.web.media_info";
  public static final String INSTAGRAM_WEB_PROFILE_INFO = "instagram.web.profile_info";
  public static final String INSTAGRAM_WEB_POST_PAGE = "instagram.web.post_page";
  public static final String INSTAGRAM_WEB_PROFILE_PAGE = "instagram.web.profile_page";

  public static final String NAVER_BLOG_POST = "naver_blog.post";
  public static final String NAVER_BLOG_PROFILE = "naver_blog.profile";
  public static final String NAVER_BLOG_RSS = "naver_blog.rss";

  public static final String TIKTOK_API_USER_INFO = "tiktok.api.user_info";
  public static final String TIKTOK_API_VIDEO_LIST = "tiktok.api.video_list";
  public static final String TIKTOK_API_VIDEO_QUERY = "tiktok.api.video_query";
  public static final String TIKTOK_WEB_PROFILE = "tiktok.web.profile";
  public static final String TIKTOK_WEB_VIDEO = "tiktok.web.video";

  public static final String YOUTUBE_API_CHANNELS = "youtube.api.channels";
  public static final String YOUTUBE_API_COMMENT_THREADS = "youtube.api.comment_threads";
  public static final String YOUTUBE_API_PLAYLIST_ITEMS = "youtube.api.playlist_items";
  public static final String YOUTUBE_API_VIDEOS = "youtube.api.videos";
  public static final String YOUTUBE_ANALYTICS_REPORTS = "youtube.analytics.reports";
  public static final String YOUTUBE_WEB_CHANNEL = "youtube.web.channel";
  public static final String YOUTUBE_WEB_COMMENTS = "youtube.web.comments";
  public static final String YOUTUBE_WEB_VIDEOS_TAB = "youtube.web.videos_tab";
  public static final String YOUTUBE_WEB_WATCH = "youtube.web.watch";

  /** Every id above, in the order declared. */
  public static final List<String> ALL =
      List.of(
          INSTAGRAM_GRAPH_BUSINESS_DISCOVERY,
          INSTAGRAM_GRAPH_COMMENTS,
          INSTAGRAM_GRAPH_MEDIA,
          INSTAGRAM_GRAPH_MEDIA_INSIGHTS,
          INSTAGRAM_GRAPH_MEDIA_LIST,
          INSTAGRAM_GRAPH_USER,
          INSTAGRAM_GRAPH_USER_INSIGHTS,
          INSTAGRAM_WEB_MEDIA_INFO,
          INSTAGRAM_WEB_POST_PAGE,
          INSTAGRAM_WEB_PROFILE_INFO,
          INSTAGRAM_WEB_PROFILE_PAGE,
          NAVER_BLOG_POST,
          NAVER_BLOG_PROFILE,
          NAVER_BLOG_RSS,
          TIKTOK_API_USER_INFO,
          TIKTOK_API_VIDEO_LIST,
          TIKTOK_API_VIDEO_QUERY,
          TIKTOK_WEB_PROFILE,
          TIKTOK_WEB_VIDEO,
          YOUTUBE_API_CHANNELS,
          YOUTUBE_API_COMMENT_THREADS,
          YOUTUBE_API_PLAYLIST_ITEMS,
          YOUTUBE_API_VIDEOS,
          YOUTUBE_ANALYTICS_REPORTS,
          YOUTUBE_WEB_CHANNEL,
          YOUTUBE_WEB_COMMENTS,
          YOUTUBE_WEB_VIDEOS_TAB,
          YOUTUBE_WEB_WATCH);

  private PageTypes() {}
}
