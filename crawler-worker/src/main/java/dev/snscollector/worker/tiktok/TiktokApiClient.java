package dev.snscollector.worker.tiktok;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.Json;
import dev.snscollector.parsers.PageTypes;
import dev.snscollector.worker.fetch.HttpFetcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * TikTok Display API v2 requests as TikTok documents them: {@code GET /v2/user/info/}, {@code POST
 * /v2/video/list/} and {@code POST /v2/video/query/}, each with a {@code fields} list and the
 * creator's token as {@code Authorization: Bearer}. Each call returns the raw capture; parsing and
 * classification are the parsers' job. The capture and every error name the URL, which never
 * carries the token. The base URL is configurable so a local origin can stand in for {@code
 * https://open.tiktokapis.com}.
 */
public final class TiktokApiClient {
  public static final String USER_INFO = PageTypes.TIKTOK_API_USER_INFO;
  public static final String VIDEO_LIST = PageTypes.TIKTOK_API_VIDEO_LIST;
  public static final String VIDEO_QUERY = PageTypes.TIKTOK_API_VIDEO_QUERY;

  /** The API's ceiling for {@code max_count} in video/list and for ids in video/query. */
  public static final int MAX_PAGE = 20;

  /**
   * Every field of the user.info.basic, user.info.profile and user.info.stats scopes; the parser
   * takes the largest avatar. Asking for a field of a scope the creator did not grant answers
   * {@code scope_not_authorized}.
   */
  static final String USER_FIELDS =
      "open_id,union_id,avatar_url,avatar_url_100,avatar_large_url,display_name,bio_description,"
          + "profile_deep_link,is_verified,username,follower_count,following_count,likes_count,"
          + "video_count";

  /** The video fields the parsers read (video.list scope). */
  static final String VIDEO_FIELDS =
      "id,title,video_description,create_time,cover_image_url,share_url,duration,width,height,"
          + "like_count,comment_count,share_count,view_count";

  private static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");

  private final HttpFetcher fetcher;
  private final HttpUrl base;

  public TiktokApiClient(HttpFetcher fetcher, String baseUrl) {
    this.fetcher = fetcher;
    HttpUrl parsed = HttpUrl.parse(baseUrl);
    if (parsed == null) {
      throw new IllegalArgumentException("TikTok API base URL is not a URL: " + baseUrl);
    }
    this.base = parsed;
  }

  /** The token's owner: {@code GET /v2/user/info/}. */
  public Capture userInfo(TiktokAccessToken token) {
    HttpUrl url = endpoint("v2/user/info/", USER_FIELDS);
    return send(new Request.Builder().url(url).get(), url, token, USER_INFO);
  }

  /**
   * One page of the token owner's public videos, newest first: {@code POST /v2/video/list/} with
   * {@code {"max_count": n, "cursor": c}}; the first page has no cursor.
   */
  public Capture videoList(@Nullable String cursor, int maxCount, TiktokAccessToken token) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("max_count", Math.clamp(maxCount, 1, MAX_PAGE));
    if (cursor != null) {
      // The API's cursor is an int64 (a time in milliseconds); the parser hands it back as text.
      try {
        body.put("cursor", Long.parseLong(cursor));
      } catch (NumberFormatException notANumber) {
        body.put("cursor", cursor);
      }
    }
    return post(endpoint("v2/video/list/", VIDEO_FIELDS), body, token, VIDEO_LIST);
  }

  /**
   * The token owner's videos by id: {@code POST /v2/video/query/} with {@code {"filters":
   * {"video_ids": [...]}}}. Ids that are deleted, private or someone else's are left out.
   */
  public Capture videoQuery(List<String> ids, TiktokAccessToken token) {
    if (ids.isEmpty() || ids.size() > MAX_PAGE) {
      throw new IllegalArgumentException("video/query takes 1 to 20 ids, got " + ids.size());
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    var videoIds = body.putObject("filters").putArray("video_ids");
    ids.forEach(videoIds::add);
    return post(endpoint("v2/video/query/", VIDEO_FIELDS), body, token, VIDEO_QUERY);
  }

  private HttpUrl endpoint(String path, String fields) {
    // Commas stay literal, as TikTok's documentation writes the list.
    return base.newBuilder()
        .addPathSegments(path)
        .addEncodedQueryParameter("fields", fields)
        .build();
  }

  private Capture post(HttpUrl url, ObjectNode body, TiktokAccessToken token, String pageType) {
    byte[] json = body.toString().getBytes(StandardCharsets.UTF_8);
    return send(
        new Request.Builder().url(url).post(RequestBody.create(json, JSON)), url, token, pageType);
  }

  private Capture send(
      Request.Builder request, HttpUrl url, TiktokAccessToken token, String pageType) {
    request.header("Accept", "application/json").header("Authorization", "Bearer " + token.value());
    return fetcher.fetch(request.build(), url.toString(), pageType);
  }
}
