package dev.snscollector.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

  @Test
  void controlCharactersAreWrittenAsEscapesAndTheRestIsKept() {
    assertThat(Printable.escape("a\r\nb\u001b[2Kc\u0085d\u2028e\u007f채널 \\u000a"))
        .isEqualTo("a\\u000d\\u000ab\\u001b[2Kc\\u0085d\\u2028e\\u007f채널 \\u000a");
  }

  @Test
  void textWithoutControlCharactersIsReturnedAsItIs() {
    String text = "job-1 youtube/profile → failed (not found)";
    assertThat(Printable.escape(text)).isSameAs(text);
    assertThat(Printable.firstControl(text)).isEqualTo(-1);
  }

  @Test
  void aControlCharacterIsNamedAsUnicodeNamesIt() {
    assertThat(Printable.firstControl("ab\tc")).isEqualTo(2);
    assertThat(Printable.codePoint('\u001b')).isEqualTo("U+001B");
  }
}
