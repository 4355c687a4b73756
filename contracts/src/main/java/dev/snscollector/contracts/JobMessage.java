package dev.snscollector.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One collection job, as carried by one SQS message. Schema: {@code /schemas/job.v1.schema.json}.
 *
 * @param schemaVersion the contract version; this code reads version 1
 * @param jobId unique id chosen by the submitter; S3 keys derive from it
 * @param platform the platform the target lives on
 * @param kind what to collect
 * @param target a handle, a platform id or a URL of that platform
 * @param account the creator's account and sealed token, when the job may use the official API
 * @param options limits and allowed routes
 * @param dedupeKey the submitter's key for spotting the same request twice
 * @param metadata opaque strings echoed back in the result event
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JobMessage(
    int schemaVersion,
    String jobId,
    Platform platform,
    JobKind kind,
    String target,
    @Nullable Account account,
    JobOptions options,
    @Nullable String dedupeKey,
    Map<String, String> metadata) {

  public static final int SCHEMA_VERSION = 1;

  public JobMessage {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    options = options == null ? JobOptions.DEFAULTS : options;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** A version-1 job without account, options or metadata. */
  public static JobMessage of(String jobId, Platform platform, JobKind kind, String target) {
    return new JobMessage(
        SCHEMA_VERSION, jobId, platform, kind, target, null, JobOptions.DEFAULTS, null, Map.of());
  }

  /** The same job under another id (a replay of it). */
  public JobMessage withJobId(String newJobId) {
    return new JobMessage(
        schemaVersion, newJobId, platform, kind, target, account, options, dedupeKey, metadata);
  }

  public JobMessage withOptions(JobOptions newOptions) {
    return new JobMessage(
        schemaVersion, jobId, platform, kind, target, account, newOptions, dedupeKey, metadata);
  }

  public JobMessage withMetadata(Map<String, String> newMetadata) {
    return new JobMessage(
        schemaVersion, jobId, platform, kind, target, account, options, dedupeKey, newMetadata);
  }

  /**
   * The creator's account for the official API.
   *
   * @param accountId the platform's id of the creator's account
   * @param sealedToken the OAuth token sealed for this account and platform; never logged
   */
  public record Account(String accountId, String sealedToken) {
    public Account {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(sealedToken, "sealedToken");
    }

    @Override
    public String toString() {
      return "Account[accountId=" + accountId + ", sealedToken=<redacted>]";
    }
  }

  /**
   * @param maxItems at most this many posts or comments
   * @param since only items published at or after this instant
   * @param routes the routes this job may use, in order; empty means the platform's default plan
   * @param refreshLast with {@code since}: the newest this many posts published before it are
   *     collected too, so that a refresh updates their metrics; null or 0 for none
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record JobOptions(
      @Nullable Integer maxItems,
      @Nullable Instant since,
      List<Route> routes,
      @Nullable Integer refreshLast) {
    public static final JobOptions DEFAULTS = new JobOptions(null, null, List.of());

    public JobOptions {
      routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** Options without {@code refreshLast}. */
    public JobOptions(@Nullable Integer maxItems, @Nullable Instant since, List<Route> routes) {
      this(maxItems, since, routes, null);
    }

    /** The posts before {@code since} kept anyway, newest first: 0 when not asked for. */
    public int refreshLastOr0() {
      return refreshLast == null ? 0 : refreshLast;
    }

    public JobOptions withSince(@Nullable Instant newSince) {
      return new JobOptions(maxItems, newSince, routes, refreshLast);
    }

    public int maxItemsOr(int fallback) {
      return maxItems == null ? fallback : maxItems;
    }
  }
}
