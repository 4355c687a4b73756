package dev.snscollector.parsers;

import static dev.snscollector.parsers.TestCaptures.capture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParserRegistryTest {
  private final ParserRegistry registry = ParserRegistry.defaults();
  private static final String URL = "https://www.googleapis.com/youtube/v3/x";

  @Test
  void theYoutubePageTypesAreRegisteredAtVersionOne() {
    assertThat(registry.pageTypes())
        .extracting(PageType::id)
        .contains(
            "youtube.api.channels",
            "youtube.api.playlist_items",
            "youtube.api.videos",
            "youtube.api.comment_threads",
            "youtube.web.channel",
            "youtube.web.videos_tab",
            "youtube.web.watch",
            "youtube.web.comments");
    assertThat(registry.pageTypes()).allSatisfy(t -> assertThat(t.schemaVersion()).isEqualTo(1));
  }

  @Test
  void pageTypeConstantsNameExactlyTheRegisteredPageTypes() {
    assertThat(PageTypes.ALL)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            ParserRegistry.defaults().pageTypes().stream().map(PageType::id).toList());
  }

  @Test
  void everyRegisteredPageTypeHasItsStructureSchemaOnTheClasspath() {
    for (PageType type : registry.pageTypes()) {
      assertThat(StructureSchema.class.getResource(type.schemaResource()))
          .as(type.id())
          .isNotNull();
      assertThat(StructureSchema.load(type).id()).endsWith(type.id() + "/v1");
    }
  }

  @Test
  void aDocumentIsRecognizedByItsKindWhateverTheCaptureClaims() {
    String playlist = "  {\"kind\": \"youtube#playlistItemListResponse\", \"items\": []}";

    assertThat(registry.recognize(capture(URL, 200, playlist, "youtube.api.videos")))
        .map(p -> p.pageType().id())
        .contains("youtube.api.playlist_items");
  }

  @Test
  void anErrorBodyFallsBackToTheDeclaredPageTypeAndWithoutOneIsUnknown() {
    String error = "{\"error\": {\"code\": 403, \"errors\": [{\"reason\": \"quotaExceeded\"}]}}";

    assertThat(registry.recognize(capture(URL, 403, error, "youtube.api.channels")))
        .map(p -> p.pageType().id())
        .contains("youtube.api.channels");
    assertThat(registry.recognize(capture(URL, 403, error, null))).isEmpty();
    assertThat(registry.recognize(capture(URL, 200, "<html></html>", null))).isEmpty();
  }

  @Test
  void byIdFindsAParserOnlyForAKnownId() {
    assertThat(registry.byId("youtube.api.videos")).isPresent();
    assertThat(registry.byId("youtube.web.no_such_page")).isEmpty();
  }
}
