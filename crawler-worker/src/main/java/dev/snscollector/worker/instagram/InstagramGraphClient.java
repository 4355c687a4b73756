package dev.snscollector.worker.instagram;

import dev.snscollector.capture.Capture;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.worker.fetch.HttpFetcher;
import java.time.Instant;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The Instagram Graph API calls the Graph route makes, as Meta documents them: the user node, its
 * media edge, a media node, its insights and its comments. The creator's access token goes in the
 * {@code Authorization: Bearer} header (Graph accepts it there as well as in {@code access_token}),
 * so no URL the worker sends, records or reports ever carries it. Field lists are fixed here and
 * written as Graph's own paging links write them (commas plain, braces percent-encoded). The base
 * URL is configurable so a local origin can stand in for {@code https://graph.facebook.com/v21.0}.
 *
 * <p>Failure modes: a 5xx or an I/O error is a {@link
 * dev.snscollector.worker.fetch.TransientFetchException} naming the URL without the token; any
 * other answer, error bodies included, is returned as a capture for the parsers to classify.
 */
public final class InstagramGraphClient {
  public static final String USER = PageTypes.INSTAGRAM_GRAPH_USER;
  public static final String MEDIA_LIST = PageTypes.INSTAGRAM_GRAPH_MEDIA_LIST;
  public static final String MEDIA = PageTypes.INSTAGRAM_GRAPH_MEDIA;
  public static final String MEDIA_INSIGHTS = PageTypes.INSTAGRAM_GRAPH_MEDIA_INSIGHTS;
  public static final String COMMENTS = PageTypes.INSTAGRAM_GRAPH_COMMENTS;
  public static final String USER_INSIGHTS = PageTypes.INSTAGRAM_GRAPH_USER_INSIGHTS;

  /** The account's figures by day: reach, and the followers gained each day. */
  static final String DAILY_METRICS = "reach,follower_count";

  /** The account's figures as totals over a window (v21 {@code metric_type=total_value}). */
  static final String WINDOW_METRICS = "views,profile_views,accounts_engaged,total_interactions";

  /** The followers' audience by age and gender (needs 100 followers or more). */
  static final String AUDIENCE_METRIC = "follower_demographics";

  static final String USER_FIELDS =
      "id,username,name,biography,profile_picture_url,followers_count,follows_count,media_count,"
          + "website";
  static final String MEDIA_FIELDS =
      "id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp,"
          + "like_count,comments_count,children%7Bid,media_type,media_url,thumbnail_url%7D";

  /** A media node with its owner, so the post record names it. */
  static final String MEDIA_NODE_FIELDS = MEDIA_FIELDS + ",owner";

  /** Just enough of the media edge to find a post by its shortcode. */
  static final String PERMALINK_FIELDS = "id,permalink";

  static final String COMMENT_FIELDS =
      "id,text,timestamp,username,like_count,from,"
          + "replies%7Bid,text,timestamp,username,like_count,from%7D";

  /**
   * The lifetime media metrics of v21.0 that a post record has a place for (views, saves, shares,
   * likes, comments), plus reach and total interactions, which come in the same call at no cost.
   */
  static final String INSIGHT_METRICS =
      "views,reach,saved,shares,likes,comments,total_interactions";

  private final HttpFetcher fetcher;
  private final HttpUrl base;

  public InstagramGraphClient(HttpFetcher fetcher, String baseUrl) {
    this.fetcher = fetcher;
    HttpUrl parsed = HttpUrl.parse(baseUrl);
    if (parsed == null) {
      throw new IllegalArgumentException("Graph API base URL is not a URL: " + baseUrl);
    }
    this.base = parsed;
  }

  /** A creator's access token; never printed. */
  public record AccessToken(String value) {
    public AccessToken {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return "AccessToken[<redacted>]";
    }
  }

  /** {@code GET /{ig-user-id}?fields=…}: the creator's profile. */
  public Capture user(String igUserId, AccessToken token) {
    return get(node(igUserId).addEncodedQueryParameter("fields", USER_FIELDS), token, USER);
  }

  /**
   * One page of {@code GET /{ig-user-id}/media}, newest first.
   *
   * @param fields {@link #MEDIA_FIELDS} for posts, {@link #PERMALINK_FIELDS} to look one up
   * @param after the previous page's after cursor, or null for the first page
   */
  public Capture media(
      String igUserId, String fields, int limit, @Nullable String after, AccessToken token) {
    HttpUrl.Builder url =
        node(igUserId)
            .addPathSegment("media")
            .addEncodedQueryParameter("fields", fields)
            .addQueryParameter("limit", Integer.toString(limit));
    if (after != null) {
      url.addQueryParameter("after", after);
    }
    return get(url, token, MEDIA_LIST);
  }

  /** {@code GET /{media-id}?fields=…}: one post. */
  public Capture mediaNode(String mediaId, AccessToken token) {
    return get(node(mediaId).addEncodedQueryParameter("fields", MEDIA_NODE_FIELDS), token, MEDIA);
  }

  /** {@code GET /{media-id}/insights?metric=…}: a post's lifetime metrics. */
  public Capture insights(String mediaId, AccessToken token) {
    return get(
        node(mediaId)
            .addPathSegment("insights")
            .addEncodedQueryParameter("metric", INSIGHT_METRICS),
        token,
        MEDIA_INSIGHTS);
  }

  /**
   * {@code GET /{ig-user-id}/insights?metric=reach,follower_count&period=day&since&until}: the
   * account's daily figures over {@code [since, until)}.
   */
  public Capture dailyInsights(String igUserId, Instant since, Instant until, AccessToken token) {
    return userInsights(
        igUserId,
        token,
        "metric",
        DAILY_METRICS,
        "period",
        "day",
        "since",
        Long.toString(since.getEpochSecond()),
        "until",
        Long.toString(until.getEpochSecond()));
  }

  /**
   * {@code GET
   * /{ig-user-id}/insights?metric=views,…&metric_type=total_value&period=day&since&until}: the
   * account's totals over {@code [since, until)}.
   */
  public Capture windowInsights(String igUserId, Instant since, Instant until, AccessToken token) {
    return userInsights(
        igUserId,
        token,
        "metric",
        WINDOW_METRICS,
        "metric_type",
        "total_value",
        "period",
        "day",
        "since",
        Long.toString(since.getEpochSecond()),
        "until",
        Long.toString(until.getEpochSecond()));
  }

  /**
   * {@code GET /{ig-user-id}/insights?metric=follower_demographics&period=lifetime
   * &metric_type=total_value&breakdown=age,gender}: the followers by age and gender.
   */
  public Capture audienceInsights(String igUserId, AccessToken token) {
    return userInsights(
        igUserId,
        token,
        "metric",
        AUDIENCE_METRIC,
        "period",
        "lifetime",
        "metric_type",
        "total_value",
        "breakdown",
        "age,gender");
  }

  /** {@code GET /{ig-user-id}/insights} with the query given as name, value, name, value… */
  private Capture userInsights(String igUserId, AccessToken token, String... query) {
    HttpUrl.Builder url = node(igUserId).addPathSegment("insights");
    for (int i = 0; i < query.length; i += 2) {
      // Commas stay as the API's documentation writes them (metric=reach,follower_count).
      url.addEncodedQueryParameter(query[i], query[i + 1]);
    }
    return get(url, token, USER_INSIGHTS);
  }

  /**
   * One page of {@code GET /{media-id}/comments} with their replies, at the API's default page
   * size.
   */
  public Capture comments(String mediaId, @Nullable String after, AccessToken token) {
    HttpUrl.Builder url =
        node(mediaId).addPathSegment("comments").addEncodedQueryParameter("fields", COMMENT_FIELDS);
    if (after != null) {
      url.addQueryParameter("after", after);
    }
    return get(url, token, COMMENTS);
  }

  private HttpUrl.Builder node(String id) {
    return base.newBuilder().addPathSegment(id);
  }

  private Capture get(HttpUrl.Builder url, AccessToken token, String pageType) {
    HttpUrl built = url.build();
    Request request =
        new Request.Builder()
            .get()
            .url(built)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token.value())
            .build();
    return fetcher.fetch(request, built.toString(), pageType);
  }
}
