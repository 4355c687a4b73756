package dev.snscollector.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One post (video, image, reel, blog post) with the metrics shown at {@code observedAt}. */
public record PostRecord(
    Platform platform,
    String platformId,
    @Nullable String ownerId,
    @Nullable String url,
    @Nullable String postType,
    @Nullable String title,
    @Nullable String caption,
    @Nullable String text,
    @Nullable Instant publishedAt,
    @Nullable Long durationSeconds,
    @Nullable Long views,
    @Nullable Long likes,
    @Nullable Long comments,
    @Nullable Long shares,
    @Nullable Long saves,
    List<Media> media,
    List<String> hashtags,
    List<String> mentions,
    List<String> approximate,
    Map<String, Unavailable> unavailable,
    Instant observedAt,
    RecordSource source)
    implements NormalizedRecord {
  public PostRecord {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(platformId, "platformId");
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(source, "source");
    media = media == null ? List.of() : List.copyOf(media);
    hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
    approximate = approximate == null ? List.of() : List.copyOf(approximate);
    unavailable = Unavailability.copy(unavailable);
  }

  /**
   * One media item of a post.
   *
   * @param type {@code image}, {@code video} or {@code thumbnail}
   * @param url where the platform serves it
   */
  public record Media(String type, String url, @Nullable Integer width, @Nullable Integer height) {}
}
