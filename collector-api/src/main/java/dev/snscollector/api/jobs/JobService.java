package dev.snscollector.api.jobs;

import dev.snscollector.api.accounts.AccountRef;
import dev.snscollector.api.accounts.AccountStore;
import dev.snscollector.api.db.Database;
import dev.snscollector.api.http.Caller;
import dev.snscollector.api.http.Problem.FieldError;
import dev.snscollector.api.http.ProblemException;
import dev.snscollector.api.http.ProblemType;
import dev.snscollector.contracts.JobMessage;
import dev.snscollector.contracts.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Accepting jobs: validate every item, store the valid ones with their outbox rows and the response
 * under the {@code Idempotency-Key}, all in one transaction; the outbox dispatcher sends them
 * afterwards. Also cancellation, which must reach workers that already hold the job.
 */
public final class JobService {
  /** The most jobs one batch request may carry. */
  public static final int MAX_BATCH = 1000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final JobStore jobs;
  private final AccountStore accounts;
  private final IdempotencyStore idempotency;
  private final CancelledJobsList cancelledJobs;
  private final Clock clock;
  private final Runnable onAccepted;
  private final Counter accepted;
  private final Counter rejected;

  public JobService(
      Database db,
      JobStore jobs,
      AccountStore accounts,
      IdempotencyStore idempotency,
      CancelledJobsList cancelledJobs,
      Clock clock,
      MeterRegistry registry,
      Runnable onAccepted) {
    this.db = db;
    this.jobs = jobs;
    this.accounts = accounts;
    this.idempotency = idempotency;
    this.cancelledJobs = cancelledJobs;
    this.clock = clock;
    this.onAccepted = onAccepted;
    this.accepted = registry.counter("collector_api_jobs_accepted");
    this.rejected = registry.counter("collector_api_jobs_rejected");
  }

  /**
   * An answer to a submission, ready to send (and to replay for the same Idempotency-Key).
   *
   * @param status 202, or the stored status on a replay
   * @param body the JSON body
   * @param replayed whether it was replayed from an earlier request
   */
  public record Response(int status, String body, boolean replayed) {}

  /**
   * One item of a batch answer.
   *
   * @param index position in the submitted list
   * @param jobId the job's id, when the item had a readable one
   * @param status {@code accepted} or {@code rejected}
   * @param errors why it was rejected, by JSON pointer into the request body
   */
  public record ItemResult(
      int index, @Nullable String jobId, String status, List<FieldError> errors) {}

  /**
   * The answer to a batch.
   *
   * @param batchId the batch's id: {@code GET /v1/jobs?batch=} lists its jobs
   * @param accepted how many were accepted
   * @param rejected how many were rejected
   * @param items each item's fate, in the order submitted
   */
  public record BatchResult(String batchId, int accepted, int rejected, List<ItemResult> items) {}

  /** Accepts one job ({@code POST /v1/jobs}): 202 with the job, or a problem. */
  public Response submitOne(
      Caller caller, @Nullable String idempotencyKey, String path, byte[] rawBody, JsonNode body) {
    return idempotent(
        caller,
        idempotencyKey,
        path,
        rawBody,
        i -> "",
        () -> {
          List<JobDrafts.Parsed> items = new ArrayList<>(List.of(JobDrafts.parse(body, "")));
          checkAccounts(items, i -> "");
          JobDrafts.Parsed parsed = items.getFirst();
          if (parsed.draft() == null) {
            rejected.increment();
            throw new ProblemException(
                ProblemType.INVALID_JOB, summary(parsed.errors()), parsed.errors());
          }
          return items;
        },
        (items, results, batchId, now) -> {
          ItemResult r = results.getFirst();
          if (!r.status().equals("accepted")) {
            rejected.increment();
            throw new ProblemException(ProblemType.CONFLICT, summary(r.errors()), r.errors());
          }
          JobDrafts.Draft draft = Objects.requireNonNull(items.getFirst().draft());
          return Json.MAPPER.writeValueAsString(acceptedView(draft, batchId, now));
        });
  }

  /** Accepts a batch ({@code POST /v1/jobs/batch}): 202 with every item's fate, or a problem. */
  public Response submitBatch(
      Caller caller, @Nullable String idempotencyKey, String path, byte[] rawBody, JsonNode body) {
    return idempotent(
        caller,
        idempotencyKey,
        path,
        rawBody,
        i -> "/jobs/" + i,
        () -> {
          JsonNode list = body.path("jobs");
          if (!list.isArray()) {
            throw ProblemException.field(
                ProblemType.INVALID_REQUEST, "/jobs", "a batch is {\"jobs\": [ ... ]}");
          }
          if (list.isEmpty() || list.size() > MAX_BATCH) {
            throw ProblemException.field(
                ProblemType.INVALID_REQUEST,
                "/jobs",
                "a batch holds 1 to " + MAX_BATCH + " jobs; this one has " + list.size());
          }
          for (Map.Entry<String, JsonNode> property : body.properties()) {
            if (!property.getKey().equals("jobs")) {
              throw ProblemException.field(
                  ProblemType.INVALID_REQUEST, "/" + property.getKey(), "unknown property");
            }
          }
          List<JobDrafts.Parsed> items = new ArrayList<>(list.size());
          for (int i = 0; i < list.size(); i++) {
            items.add(JobDrafts.parse(list.get(i), "/jobs/" + i));
          }
          checkAccounts(items, i -> "/jobs/" + i);
          if (items.stream().allMatch(p -> p.draft() == null)) {
            List<FieldError> all = items.stream().flatMap(p -> p.errors().stream()).toList();
            rejected.increment(items.size());
            throw new ProblemException(
                ProblemType.INVALID_JOB,
                "none of the " + items.size() + " jobs is valid: " + summary(all),
                all);
          }
          return items;
        },
        (items, results, batchId, now) -> {
          int ok = (int) results.stream().filter(r -> r.status().equals("accepted")).count();
          return Json.MAPPER.writeValueAsString(
              new BatchResult(batchId, ok, results.size() - ok, results));
        });
  }

  @FunctionalInterface
  private interface Validation {
    List<JobDrafts.Parsed> items();
  }

  @FunctionalInterface
  private interface Render {
    String body(
        List<JobDrafts.Parsed> items, List<ItemResult> results, String batchId, Instant now);
  }

  private Response idempotent(
      Caller caller,
      @Nullable String key,
      String path,
      byte[] rawBody,
      IntFunction<String> at,
      Validation validation,
      Render render) {
    String hash = IdempotencyStore.hash("POST", path, rawBody);
    if (key != null) {
      checkKey(key);
      Optional<Response> replay = replay(caller, key, hash);
      if (replay.isPresent()) {
        return replay.get();
      }
    }
    List<JobDrafts.Parsed> items = validation.items();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String batchId = newBatchId();
    try {
      Stored stored =
          db.transaction(
              "accept jobs",
              c -> {
                if (key != null && !idempotency.claim(c, caller.keyId(), key, hash, now)) {
                  throw new KeyTaken();
                }
                Map<String, JobDrafts.Draft> drafts = new LinkedHashMap<>();
                for (JobDrafts.Parsed p : items) {
                  if (p.draft() != null) {
                    drafts.putIfAbsent(p.draft().message().jobId(), p.draft());
                  }
                }
                Set<String> inserted =
                    jobs.insert(c, List.copyOf(drafts.values()), batchId, null, now);
                List<ItemResult> results = results(items, inserted, at);
                String body = render.body(items, results, batchId, now);
                if (key != null) {
                  idempotency.complete(c, caller.keyId(), key, 202, body);
                }
                return new Stored(body, results);
              });
      long ok = stored.results().stream().filter(r -> r.status().equals("accepted")).count();
      accepted.increment((double) ok);
      rejected.increment((double) (stored.results().size() - ok));
      onAccepted.run();
      return new Response(202, stored.body(), false);
    } catch (KeyTaken e) {
      return replay(caller, key, hash)
          .orElseThrow(() -> new IllegalStateException("idempotency key vanished"));
    }
  }

  private record Stored(String body, List<ItemResult> results) {}

  /** Another request with the same Idempotency-Key committed first. */
  private static final class KeyTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KeyTaken() {
      super("idempotency key taken", null, false, false);
    }
  }

  private Optional<Response> replay(Caller caller, @Nullable String key, String hash) {
    if (key == null) {
      return Optional.empty();
    }
    return idempotency
        .find(caller.keyId(), key)
        .map(
            stored -> {
              if (!stored.answers(hash)) {
                throw ProblemException.field(
                    ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "header:Idempotency-Key",
                    "this Idempotency-Key was used with a different request; use a new key");
              }
              return new Response(stored.status(), stored.body(), true);
            });
  }

  private static void checkKey(String key) {
    if (key.length() > 255 || !key.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
      throw ProblemException.field(
          ProblemType.INVALID_REQUEST,
          "header:Idempotency-Key",
          "1 to 255 printable ASCII characters without spaces");
    }
  }

  /** Items whose account has no stored token are rejected (their pointer is {@code at(i)}). */
  private void checkAccounts(List<JobDrafts.Parsed> items, IntFunction<String> at) {
    Set<AccountRef> wanted = new LinkedHashSet<>();
    for (JobDrafts.Parsed p : items) {
      if (p.draft() != null && p.draft().accountId() != null) {
        wanted.add(new AccountRef(p.draft().message().platform(), p.draft().accountId()));
      }
    }
    if (wanted.isEmpty()) {
      return;
    }
    Set<AccountRef> known = db.read("read accounts", c -> accounts.known(c, wanted));
    for (int i = 0; i < items.size(); i++) {
      JobDrafts.Draft d = items.get(i).draft();
      if (d != null && d.accountId() != null) {
        AccountRef ref = new AccountRef(d.message().platform(), d.accountId());
        if (!known.contains(ref)) {
          items.set(
              i,
              JobDrafts.Parsed.bad(
                  d.message().jobId(),
                  List.of(
                      new FieldError(
                          at.apply(i) + "/account/accountId",
                          "no token stored for "
                              + ref
                              + "; PUT /v1/accounts/{platform}/{accountId}/token first"))));
        }
      }
    }
  }

  private static List<ItemResult> results(
      List<JobDrafts.Parsed> items, Set<String> inserted, IntFunction<String> at) {
    List<ItemResult> out = new ArrayList<>(items.size());
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      JobDrafts.Parsed p = items.get(i);
      String pointer = at.apply(i);
      if (p.draft() == null) {
        out.add(new ItemResult(i, p.jobId(), "rejected", p.errors()));
        continue;
      }
      String id = p.draft().message().jobId();
      Integer first = firstIndex.putIfAbsent(id, i);
      if (first != null) {
        out.add(
            new ItemResult(
                i,
                id,
                "rejected",
                List.of(
                    new FieldError(
                        pointer + "/jobId", "the same jobId is at /jobs/" + first + " already"))));
      } else if (!inserted.contains(id)) {
        out.add(
            new ItemResult(
                i,
                id,
                "rejected",
                List.of(new FieldError(pointer + "/jobId", "a job with this jobId exists"))));
      } else {
        out.add(new ItemResult(i, id, "accepted", List.of()));
      }
    }
    return out;
  }

  private static JobView acceptedView(JobDrafts.Draft draft, String batchId, Instant now) {
    JobMessage m = draft.message();
    return new JobView(
        m.jobId(),
        JobState.ACCEPTED,
        m.platform(),
        m.kind(),
        m.target(),
        draft.accountId(),
        m.options(),
        m.metadata(),
        batchId,
        null,
        null,
        now,
        null,
        0,
        null,
        null,
        null,
        List.of(),
        dev.snscollector.contracts.ResultEvent.Locations.NONE,
        null,
        null,
        null,
        null);
  }

  /**
   * Cancels a job that no worker has finished: it leaves the outbox if still there, becomes {@code
   * cancelled}, and the cancelled-jobs list goes to S3 before the change commits ({@link
   * CancelledJobsList}), so workers that read the list after that skip the job (ADR 0007: within
   * their poll interval). A worker that started the job before learning of the cancel finishes it,
   * and its outcome replaces {@code cancelled}.
   *
   * @throws ProblemException 404 for an unknown job, 409 when it is already final
   */
  public JobView cancel(String jobId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    boolean cancelled =
        db.transaction(
            "cancel job",
            c -> {
              // Outbox first, then jobs: the dispatcher locks in the same order.
              try (PreparedStatement s =
                  c.prepareStatement("delete from outbox where job_id = ?")) {
                s.setString(1, jobId);
                s.executeUpdate();
              }
              try (PreparedStatement s =
                  c.prepareStatement(
                      "update jobs set state = 'cancelled', outcome = 'cancelled',"
                          + " detail = 'cancelled by the platform', finished_at = ?, updated_at = ?"
                          + " where job_id = ? and state in ('accepted', 'queued')"
                          + " returning queued_at")) {
                s.setObject(1, java.sql.Timestamp.from(now));
                s.setObject(2, java.sql.Timestamp.from(now));
                s.setString(3, jobId);
                try (java.sql.ResultSet rs = s.executeQuery()) {
                  if (!rs.next()) {
                    c.rollback();
                    return false;
                  }
                  if (rs.getTimestamp(1) == null) {
                    return true; // it never left the outbox: no worker will see it
                  }
                }
              }
              cancelledJobs.publish(c);
              return true;
            });
    JobView job =
        jobs.find(jobId)
            .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no job " + jobId));
    if (!cancelled) {
      throw new ProblemException(
          ProblemType.CONFLICT,
          "job "
              + jobId
              + " is "
              + job.state().wireName()
              + "; only a job not yet finished can be cancelled");
    }
    return job;
  }

  private static String summary(List<FieldError> errors) {
    if (errors.isEmpty()) {
      return "invalid job";
    }
    FieldError first = errors.getFirst();
    String s = (first.pointer().isEmpty() ? "(body)" : first.pointer()) + ": " + first.detail();
    return errors.size() == 1 ? s : s + " (and " + (errors.size() - 1) + " more)";
  }

  private static String newBatchId() {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    return "batch-"
        + Long.toString(System.currentTimeMillis(), 36)
        + "-"
        + HexFormat.of().formatHex(random);
  }
}
