package dev.snscollector.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A creator's profile as the platform showed it at {@code observedAt}. */
public record ProfileRecord(
    Platform platform,
    String platformId,
    @Nullable String handle,
    @Nullable String displayName,
    @Nullable String bio,
    @Nullable String avatarUrl,
    @Nullable Long followers,
    @Nullable Long following,
    @Nullable Long postCount,
    @Nullable Long totalLikes,
    @Nullable Long totalViews,
    @Nullable Boolean verified,
    List<String> links,
    @Nullable Instant createdAt,
    List<String> approximate,
    Map<String, Unavailable> unavailable,
    Instant observedAt,
    RecordSource source)
    implements NormalizedRecord {
  public ProfileRecord {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(platformId, "platformId");
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(source, "source");
    links = links == null ? List.of() : List.copyOf(links);
    approximate = approximate == null ? List.of() : List.copyOf(approximate);
    unavailable = Unavailability.copy(unavailable);
  }
}
