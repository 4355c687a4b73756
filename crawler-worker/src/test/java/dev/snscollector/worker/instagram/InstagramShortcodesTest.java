package dev.snscollector.worker.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstagramShortcodesTest {
  @Test
  void aShortcodeIsTheMediaIdInInstagramsBase64() {
    // A published pair: a post URL's shortcode and the media id the site's API uses for it.
    assertThat(InstagramShortcodes.mediaId("CWvxAY7B0ci")).isEqualTo("2715604631366879010");
    assertThat(InstagramShortcodes.mediaId("B")).isEqualTo("1");
    assertThat(InstagramShortcodes.mediaId("_-")).isEqualTo(Long.toString(63 * 64 + 62));
  }

  @Test
  void aPrivateShareLinksSuffixIsNotPartOfTheId() {
    String suffix = "A".repeat(27) + "z";
    assertThat(InstagramShortcodes.mediaId("CWvxAY7B0ci" + suffix))
        .isEqualTo("2715604631366879010");
  }

  @Test
  void theLargestIdsAreUnsigned() {
    assertThat(InstagramShortcodes.mediaId("P__________")).isEqualTo(Long.toUnsignedString(-1L));
  }

  @Test
  void whatIsNotAShortcodeIsRefusedWithTheReason() {
    assertThatThrownBy(() -> InstagramShortcodes.mediaId("CK1Jq+qFVOy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'+'");
    assertThatThrownBy(() -> InstagramShortcodes.mediaId("QAAAAAAAAAA"))
        .hasMessageContaining("64 bits");
    assertThatThrownBy(() -> InstagramShortcodes.mediaId("CK1JqHqFVOyCK1J"))
        .hasMessageContaining("1 to 11");
  }
}
