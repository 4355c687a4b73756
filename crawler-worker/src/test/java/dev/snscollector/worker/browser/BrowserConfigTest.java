package dev.snscollector.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrowserConfigTest {
  @Test
  void anEmptyEnvironmentGivesTheDefaults() {
    assertThat(BrowserConfig.fromEnvironment(Map.of())).isEqualTo(BrowserConfig.defaults());
    assertThat(BrowserConfig.defaults().executable()).isEqualTo(Path.of("/usr/bin/chromium"));
  }

  @Test
  void everyVariableIsRead() {
    BrowserConfig c =
        BrowserConfig.fromEnvironment(
            Map.ofEntries(
                Map.entry("BROWSER_EXECUTABLE", "/opt/chromium/chrome"),
                Map.entry("BROWSER_SLOTS", "2"),
                Map.entry("BROWSER_CONTEXTS_PER_SLOT", "8"),
                Map.entry("BROWSER_PAGES_PER_CONTEXT", "20"),
                Map.entry("BROWSER_PAGE_TIMEOUT_SECONDS", "30"),
                Map.entry("BROWSER_SETTLE_MILLIS", "0"),
                Map.entry("BROWSER_LAUNCH_TIMEOUT_SECONDS", "90"),
                Map.entry("BROWSER_HANG_GRACE_SECONDS", "5"),
                Map.entry("BROWSER_QUEUE_TIMEOUT_SECONDS", "120"),
                Map.entry("BROWSER_HEADLESS", "FALSE"),
                Map.entry("BROWSER_USER_AGENT", "Mozilla/5.0 test")));

    assertThat(c)
        .isEqualTo(
            new BrowserConfig(
                Path.of("/opt/chromium/chrome"),
                2,
                8,
                20,
                Duration.ofSeconds(30),
                Duration.ZERO,
                Duration.ofSeconds(90),
                Duration.ofSeconds(5),
                Duration.ofSeconds(120),
                false,
                "Mozilla/5.0 test"));
  }

  @Test
  void badValuesAreAllNamedAtOnce() {
    assertThatThrownBy(
            () ->
                BrowserConfig.fromEnvironment(
                    Map.of(
                        "BROWSER_SLOTS", "0",
                        "BROWSER_PAGE_TIMEOUT_SECONDS", "soon",
                        "BROWSER_HEADLESS", "maybe")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BROWSER_SLOTS=0 is outside 1..64")
        .hasMessageContaining("BROWSER_PAGE_TIMEOUT_SECONDS=soon is not a whole number")
        .hasMessageContaining("BROWSER_HEADLESS=maybe is not true or false");
  }

  @Test
  void theUserAgentFollowsTheBrowsersMajorVersionWithoutHeadless() {
    assertThat(BrowserSlot.desktopUserAgent("156.0.8078.79"))
        .isEqualTo(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/156.0.0.0 Safari/537.36");
  }
}
