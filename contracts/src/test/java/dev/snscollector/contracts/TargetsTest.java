package dev.snscollector.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  })
  void readsTargets(String platform, String kind, String target, String type, String value) {
    TargetRef ref =
        Targets.parse(
            Platform.fromWireName(platform).orElseThrow(),
            JobKind.fromWireName(kind).orElseThrow(),
            target);
    assertThat(ref.type()).isEqualTo(TargetRef.Type.valueOf(type));
    assertThat(ref.value()).isEqualTo(value);
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
}
