package dev.snscollector.api.http;

import dev.snscollector.contracts.Platform;
import io.javalin.http.Context;

/** Path parameters several routes share, checked the same way everywhere. */
public final class PathParams {
  private PathParams() {}

  /**
   * The {@code {platform}} of the path.
   *
   * @throws ProblemException (404) naming the platforms there are
   */
  public static Platform platform(Context ctx) {
    String p = ctx.pathParam("platform");
    return Platform.fromWireName(p)
        .orElseThrow(
            () ->
                ProblemException.field(
                    ProblemType.NOT_FOUND,
                    "path:platform",
                    "unknown platform '" + p + "'; one of instagram, youtube, tiktok, naver_blog"));
  }
}
