package dev.snscollector.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TargetsTest {

  @ParameterizedTest
  @CsvSource({
    "youtube, profile, @GoogleDevelopers, HANDLE, GoogleDevelopers",
    "youtube, profile, UC_x5XG1OV2P6uZZ5FSM9Ttw, ACCOUNT_ID, UC_x5XG1OV2P6uZZ5FSM9Ttw",
    "youtube, posts, https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw, ACCOUNT_ID, UC_x5XG1OV2P6uZZ5FSM9Ttw",
    "youtube, posts, https://www.youtube.com/@채널이름, HANDLE, 채널이름",
    "youtube, profile, https://www.youtube.com/user/GoogleDevelopers, LEGACY_USERNAME, GoogleDevelopers",
    "youtube, post, https://youtu.be/dQw4w9WgXcQ, POST_ID, dQw4w9WgXcQ",
    "youtube, comments, https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10, POST_ID, dQw4w9WgXcQ",
    "youtube, post, https://www.youtube.com/shorts/dQw4w9WgXcQ, POST_ID, dQw4w9WgXcQ",
    "instagram, profile, https://www.instagram.com/some.creator/, HANDLE, some.creator",
    "instagram, post, https://www.instagram.com/reel/C0dEfGhIjK/, POST_ID, C0dEfGhIjK",
    "tiktok, profile, @some_creator, HANDLE, some_creator",
    "tiktok, post, https://www.tiktok.com/@some_creator/video/7300000000000000000, POST_ID, 7300000000000000000",
    "naver_blog, profile, https://rss.blog.naver.com/someblog.xml, ACCOUNT_ID, someblog",
    "naver_blog, post, https://m.blog.naver.com/PostView.naver?blogId=someblog&logNo=224056819985, POST_ID, 224056819985",
    // a path segment is decoded once: %25 stays a percent, and the handle is read from the result
    "youtube, profile, https://www.youtube.com/@%EC%B1%84%EB%84%90%EC%9D%B4%EB%A6%84, HANDLE, 채널이름",
    // dots inside a name are the platforms' own; only a name of dots alone is refused
    "instagram, profile, .some.creator., HANDLE, .some.creator.",
    "tiktok, profile, @some.creator, HANDLE, some.creator",
    // an explicit default port names the same address
    "youtube, profile, https://www.youtube.com:443/@GoogleDevelopers, HANDLE, GoogleDevelopers",
    "tiktok, profile, http://www.tiktok.com:80/@some_creator, HANDLE, some_creator",
  })
  void readsTargets(String platform, String kind, String target, String type, String value) {
    TargetRef ref = parse(platform, kind, target);
    assertThat(ref.type()).isEqualTo(TargetRef.Type.valueOf(type));
    assertThat(ref.value()).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // CR/LF, percent-encoded in the part of the URL that is read, on every platform
        "youtube | profile | https://www.youtube.com/user/%0d%0a"
            + " | path segment 2 ('%0d%0a') has a control character (U+000D) once decoded",
        "youtube | profile | https://www.youtube.com/user/Google%0aDevelopers"
            + " | path segment 2 ('Google%0aDevelopers') has a control character (U+000A) once"
            + " decoded",
        "youtube | profile | https://www.youtube.com/@Google%0d%0aDevelopers"
            + " | path segment 1 ('@Google%0d%0aDevelopers') has a control character (U+000D)"
            + " once decoded",
        "youtube | post | https://www.youtube.com/watch?v=%0d%0a"
            + " | query parameter 'v' ('%0d%0a') has a control character (U+000D) once decoded",
        "instagram | profile | https://www.instagram.com/some.creator%0d%0a/"
            + " | path segment 1 ('some.creator%0d%0a') has a control character (U+000D) once"
            + " decoded",
        "tiktok | profile | https://www.tiktok.com/@some_creator%0d%0a"
            + " | path segment 1 ('@some_creator%0d%0a') has a control character (U+000D) once"
            + " decoded",
        "tiktok | post | https://www.tiktok.com/@some_creator/video/7300000000000000000%0a"
            + " | path segment 3 ('7300000000000000000%0a') has a control character (U+000A)"
            + " once decoded",
        "naver_blog | profile | https://blog.naver.com/someblog%0d%0a"
            + " | path segment 1 ('someblog%0d%0a') has a control character (U+000D) once decoded",
        "naver_blog | post | https://m.blog.naver.com/PostView.naver?blogId=someblog%0d%0a&logNo=224056819985"
            + " | query parameter 'blogId' ('someblog%0d%0a') has a control character (U+000D)"
            + " once decoded",
        "naver_blog | profile | https://blog.naver.com/someblog%1b%5b2K"
            + " | path segment 1 ('someblog%1b%5b2K') has a control character (U+001B) once"
            + " decoded",
        // path traversal, plain or percent-encoded
        "youtube | profile | https://www.youtube.com/user/%2e%2e"
            + " | path segment 2 ('%2e%2e') is only dots once decoded",
        "youtube | profile | https://www.youtube.com/user/%2E"
            + " | path segment 2 ('%2E') is only dots once decoded",
        "youtube | profile | https://www.youtube.com/user/..%2fwatch"
            + " | path segment 2 ('..%2fwatch') has a '/' once decoded",
        "youtube | profile | https://www.youtube.com/../user/GoogleDevelopers"
            + " | path segment 1 ('..') is only dots once decoded",
        "instagram | profile | https://www.instagram.com/%2e%2e/"
            + " | path segment 1 ('%2e%2e') is only dots once decoded",
        "instagram | post | https://www.instagram.com/p/%2e%2e/"
            + " | path segment 2 ('%2e%2e') is only dots once decoded",
        "tiktok | post | https://www.tiktok.com/@some_creator/video/%2e%2e"
            + " | path segment 3 ('%2e%2e') is only dots once decoded",
        "naver_blog | profile | https://blog.naver.com/%2e%2e"
            + " | path segment 1 ('%2e%2e') is only dots once decoded",
        "naver_blog | post | https://blog.naver.com/someblog/%2e%2e"
            + " | path segment 2 ('%2e%2e') is only dots once decoded",
        "naver_blog | post | https://blog.naver.com/PostView.naver?blogId=%2e%2e&logNo=224056819985"
            + " | query parameter 'blogId' ('%2e%2e') is only dots once decoded",
        // handles of dots alone, bare or in a URL
        "instagram | profile | . | a handle may not be only dots",
        "instagram | profile | .. | a handle may not be only dots",
        "instagram | posts | @... | a handle may not be only dots",
        "instagram | profile | https://www.instagram.com/.../ | path segment 1 ('...') is only dots"
            + " once decoded",
        "tiktok | profile | .. | a handle may not be only dots",
        "tiktok | posts | @... | a handle may not be only dots",
        "tiktok | profile | https://www.tiktok.com/@%2e%2e | a handle may not be only dots",
        "youtube | profile | @... | a handle may not be only dots",
        "youtube | posts | https://www.youtube.com/@.... | a handle may not be only dots",
        "youtube | profile | https://www.youtube.com/@%2e%2e%2e | a handle may not be only dots",
        // a port that is not the scheme's default
        "youtube | profile | https://www.youtube.com:8443/@GoogleDevelopers"
            + " | port 8443 after the host; youtube addresses use the scheme's default (443)",
        "instagram | profile | https://www.instagram.com:80/some.creator/"
            + " | port 80 after the host; instagram addresses use the scheme's default (443)",
        "tiktok | profile | http://www.tiktok.com:443/@some_creator"
            + " | port 443 after the host; tiktok addresses use the scheme's default (80)",
        "naver_blog | profile | https://blog.naver.com:8080/someblog"
            + " | port 8080 after the host; naver_blog addresses use the scheme's default (443)",
      })
  void refusesSayingWhatWasWrongAndWhere(
      String platform, String kind, String target, String reason) {
    assertThatThrownBy(() -> parse(platform, kind, target))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target '" + target + "': " + reason);
  }

  @ParameterizedTest
  @CsvSource({
    "youtube, https://user:secret@www.youtube.com/@GoogleDevelopers, www.youtube.com",
    "instagram, https://secret@www.instagram.com/some.creator/, www.instagram.com",
    "tiktok, https://:secret@www.tiktok.com/@some_creator, www.tiktok.com",
    "naver_blog, http://user:secret@blog.naver.com/someblog, blog.naver.com",
  })
  void userInfoIsRefusedWithoutBeingRepeated(String platform, String target, String host) {
    assertThatThrownBy(() -> parse(platform, "profile", target))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "target URL has user info before its host '"
                + host
                + "' (left out here); no "
                + platform
                + " address has one")
        .message()
        .doesNotContain("secret");
  }

  @Test
  void userInfoThatNamesThePlatformInFrontOfAnotherHostIsRefusedForTheHost() {
    assertThatThrownBy(
            () -> parse("youtube", "profile", "https://www.youtube.com@evil.example/@someone"))
        .hasMessage("URL host 'evil.example' is not a youtube address");
  }

  static Stream<Arguments> plainTargetsWithAControlCharacter() {
    return Stream.of(
        Arguments.of(
            "youtube",
            "@Google\nDevelopers",
            "target '@Google\\u000aDevelopers': a control character (U+000A) at character 8"),
        Arguments.of(
            "youtube",
            "@GoogleDevelopers\r\n",
            "target '@GoogleDevelopers\\u000d\\u000a': a control character (U+000D) at character"
                + " 18"),
        Arguments.of(
            "instagram",
            "\nsome.creator",
            "target '\\u000asome.creator': a control character (U+000A) at character 1"),
        Arguments.of(
            "instagram",
            "some.creator\u2028",
            "target 'some.creator\\u2028': a control character (U+2028) at character 13"),
        Arguments.of(
            "tiktok",
            "@some_creator\t",
            "target '@some_creator\\u0009': a control character (U+0009) at character 14"),
        Arguments.of(
            "tiktok",
            "some\u001b[31mcreator",
            "target 'some\\u001b[31mcreator': a control character (U+001B) at character 5"),
        Arguments.of(
            "naver_blog",
            "someblog\u0000",
            "target 'someblog\\u0000': a control character (U+0000) at character 9"),
        Arguments.of(
            "naver_blog",
            "https://blog.naver.com/someblog\r\n",
            "target 'https://blog.naver.com/someblog\\u000d\\u000a': a control character (U+000D)"
                + " at character 32"));
  }

  @ParameterizedTest
  @MethodSource("plainTargetsWithAControlCharacter")
  void aControlCharacterInThePlainTargetIsRefusedAndShownEscaped(
      String platform, String target, String message) {
    assertThatThrownBy(() -> parse(platform, "profile", target))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void anEncodedBackslashInAPathSegmentIsRefused() {
    assertThatThrownBy(() -> parse("youtube", "profile", "https://www.youtube.com/user/..%5Cwatch"))
        .hasMessage(
            "target 'https://www.youtube.com/user/..%5Cwatch': path segment 2 ('..%5Cwatch') has a"
                + " '\\' once decoded");
  }

  @Test
  void aLegacyUserNameHasTheFormOfOne() {
    assertThatThrownBy(
            () -> parse("youtube", "profile", "https://www.youtube.com/user/Google%20Developers"))
        .hasMessage(
            "'https://www.youtube.com/user/Google%20Developers' is not a YouTube @handle, a UC…"
                + " channel id or a channel URL");
  }

  @Test
  void aTargetRefRefusesWhatNoPlatformNameIs() {
    assertThatThrownBy(() -> TargetRef.of(TargetRef.Type.HANDLE, ".."))
        .hasMessage("target value '..' is only dots");
    assertThatThrownBy(() -> TargetRef.of(TargetRef.Type.LEGACY_USERNAME, "a\r\nb"))
        .hasMessage("target value 'a\\u000d\\u000ab' has a control character (U+000D)");
    assertThatThrownBy(() -> new TargetRef(TargetRef.Type.POST_ID, "224056819985", "x/../y"))
        .hasMessage("target parent 'x/../y' has a '/'");
    assertThatThrownBy(() -> TargetRef.of(TargetRef.Type.ACCOUNT_ID, ""))
        .hasMessage("target value '' is empty");
  }

  @Test
  void aNaverPostKeepsItsBlogAsParent() {
    TargetRef ref = Targets.parse(Platform.NAVER_BLOG, JobKind.POST, "someblog/224056819985");
    assertThat(ref.parent()).isEqualTo("someblog");
  }

  @Test
  void aVideoWhereAChannelIsNeededIsRejected() {
    assertThatThrownBy(
            () -> Targets.parse(Platform.YOUTUBE, JobKind.PROFILE, "https://youtu.be/dQw4w9WgXcQ"))
        .hasMessageContaining("kind 'profile' needs a YouTube @handle");
  }

  private static TargetRef parse(String platform, String kind, String target) {
    return Targets.parse(
        Platform.fromWireName(platform).orElseThrow(),
        JobKind.fromWireName(kind).orElseThrow(),
        target);
  }
}
