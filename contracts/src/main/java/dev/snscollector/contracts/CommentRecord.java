package dev.snscollector.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One comment on a post; {@code parentId} is set for replies. */
public record CommentRecord(
    Platform platform,
    String platformId,
    String postId,
    @Nullable String authorId,
    @Nullable String authorName,
    @Nullable String text,
    @Nullable Instant publishedAt,
    @Nullable Long likes,
    @Nullable Long replyCount,
    @Nullable String parentId,
    List<String> approximate,
    Map<String, Unavailable> unavailable,
    Instant observedAt,
    RecordSource source)
    implements NormalizedRecord {
  public CommentRecord {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(platformId, "platformId");
    Objects.requireNonNull(postId, "postId");
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(source, "source");
    approximate = approximate == null ? List.of() : List.copyOf(approximate);
    unavailable = Unavailability.copy(unavailable);
  }
}
