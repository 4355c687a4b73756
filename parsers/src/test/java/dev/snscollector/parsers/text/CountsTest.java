package dev.snscollector.parsers.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountsTest {

  @ParameterizedTest(name = "{0} → {1} (approximate {2})")
  @CsvSource(
      delimiter = '|',
      value = {
        "1,234|1234|false",
        "1234567|1234567|false",
        "12|12|false",
        "1.2K|1200|true",
        "1.2k followers|1200|true",
        "24.6m subscribers|24600000|true",
        "3.4B views|3400000000|true",
        "구독자 12.3만명|123000|true",
        "동영상 636개|636|false",
        "조회수 3.4억회|340000000|true",
        "1.2천|1200|true",
        "1,2 M|1200000|true",
        "1.234|1234|false",
        "12,3 mil seguidores|12300|true",
        "636 videos|636|false",
        "12.3K Followers, 456 Following|12300|true",
        "1 234 567|1234567|false",
        "1,5 tys.|1500|true",
        "2万|20000|true",
        "4,69\u00a0M de suscriptores|4690000|true",
        "1\u202f234|1234|false",
      })
  void readsDisplayedCounts(String text, long value, boolean approximate) {
    assertThat(Counts.parse(text)).contains(new Counts.Count(value, approximate));
  }

  @ParameterizedTest
  @CsvSource({"no count here", "views", "''"})
  void findsNothingWhereThereIsNoNumber(String text) {
    assertThat(Counts.parse(text)).isEmpty();
  }
}
