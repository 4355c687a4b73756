package dev.snscollector.parsers;

/**
 * The caller did not supply what a page type needs besides the document: a YouTube comment
 * continuation answers for a video that only the request that produced its token names, so the
 * capture's URL must carry it. A caller error, never a document error: it is the one exception
 * {@link PageParser#parse} throws. The worker's captures always carry their context; a saved file
 * parsed by hand may not ({@code ./collector parse --url}).
 */
public final class MissingContextException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String pageType;
  private final String needed;
  private final String example;

  /**
   * @param pageType the page type that needs it
   * @param needed what is missing, e.g. {@code the video id (v=) in the capture URL}
   * @param example a URL or value that supplies it, e.g. {@code
   *     https://www.youtube.com/youtubei/v1/next?v=<videoId>}
   */
  public MissingContextException(String pageType, String needed, String example) {
    super(pageType + " needs " + needed + ", e.g. " + example);
    this.pageType = pageType;
    this.needed = needed;
    this.example = example;
  }

  public String pageType() {
    return pageType;
  }

  public String needed() {
    return needed;
  }

  public String example() {
    return example;
  }
}
