package dev.snscollector.api.jobs;

import dev.snscollector.api.http.Problem.FieldError;
import dev.snscollector.contracts.InvalidJobException;
import dev.snscollector.contracts.JobCodec;
import dev.snscollector.contracts.JobKind;
import dev.snscollector.contracts.JobMessage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one job as the platform submits it: the job contract, except that {@code schemaVersion} and
 * {@code jobId} may be left out (version 1 and a generated id), and {@code account} names only the
 * {@code accountId}: the service holds the tokens and adds the sealed one when it sends the job.
 * {@code incremental: true} asks the service to set {@code options.since} from the creator's last
 * succeeded collection of the same kind (see {@link JobStore#insert}). Every problem is reported
 * with a JSON pointer under the item's own pointer.
 */
public final class JobDrafts {
  private static final SecureRandom RANDOM = new SecureRandom();

  private JobDrafts() {}

  /**
   * A job ready to be stored.
   *
   * @param message the validated job, without account
   * @param accountId the creator's account whose token the job may use, or null
   * @param incremental {@code since} is to be the creator's last succeeded collection
   */
  public record Draft(JobMessage message, @Nullable String accountId, boolean incremental) {
    Draft withMessage(JobMessage newMessage) {
      return new Draft(newMessage, accountId, incremental);
    }
  }

  /** Either a draft or what was wrong with the item. */
  public record Parsed(@Nullable Draft draft, @Nullable String jobId, List<FieldError> errors) {
    static Parsed ok(Draft draft) {
      return new Parsed(draft, draft.message().jobId(), List.of());
    }

    static Parsed bad(@Nullable String jobId, List<FieldError> errors) {
      return new Parsed(null, jobId, errors);
    }
  }

  /**
   * Reads one submitted item.
   *
   * @param pointer JSON pointer of the item in the request body ({@code ""} or {@code /jobs/3})
   */
  public static Parsed parse(JsonNode item, String pointer) {
    if (!item.isObject()) {
      return Parsed.bad(null, List.of(new FieldError(pointer, "a job is a JSON object")));
    }
    ObjectNode doc = (ObjectNode) item.deepCopy();
    if (!doc.has("schemaVersion")) {
      doc.put("schemaVersion", JobMessage.SCHEMA_VERSION);
    }
    if (!doc.has("jobId")) {
      doc.put("jobId", newJobId());
    }
    @Nullable String jobId = doc.path("jobId").isString() ? doc.path("jobId").stringValue() : null;
    List<FieldError> errors = new ArrayList<>();
    @Nullable String accountId = null;
    JsonNode account = doc.remove("account");
    if (account != null && !account.isNull()) {
      accountId = accountId(account, pointer + "/account", errors);
    }
    boolean incremental = false;
    JsonNode flag = doc.remove("incremental");
    if (flag != null && !flag.isNull()) {
      if (!flag.isBoolean()) {
        errors.add(new FieldError(pointer + "/incremental", "true or false"));
      } else if (flag.booleanValue() && doc.path("options").has("since")) {
        errors.add(
            new FieldError(
                pointer + "/options/since",
                "an incremental job's since is set by the service; send one or the other"));
      } else {
        incremental = flag.booleanValue();
      }
    }
    JobMessage message = null;
    try {
      message = JobCodec.decode(doc);
    } catch (InvalidJobException e) {
      e.violations().forEach(v -> errors.add(FieldError.of(pointer, v)));
    }
    if (message != null && message.kind() == JobKind.INSIGHTS && accountId == null) {
      errors.add(
          new FieldError(
              pointer + "/account",
              "insights are the creator's own figures: name the account whose token the service"
                  + " holds"));
    }
    if (!errors.isEmpty() || message == null) {
      return Parsed.bad(jobId, errors);
    }
    return Parsed.ok(new Draft(message, accountId, incremental));
  }

  private static @Nullable String accountId(JsonNode account, String at, List<FieldError> errors) {
    if (!account.isObject()) {
      errors.add(new FieldError(at, "account is an object with an accountId"));
      return null;
    }
    for (Map.Entry<String, JsonNode> property : account.properties()) {
      String name = property.getKey();
      if (name.equals("sealedToken")) {
        errors.add(
            new FieldError(
                at + "/sealedToken",
                "send only accountId: the service keeps the tokens (PUT /v1/accounts/{platform}/{accountId}/token)"));
      } else if (!name.equals("accountId")) {
        errors.add(new FieldError(at + "/" + name, "unknown property"));
      }
    }
    JsonNode id = account.path("accountId");
    if (!id.isString() || id.stringValue().isBlank() || id.stringValue().length() > 128) {
      errors.add(new FieldError(at + "/accountId", "a string of 1 to 128 characters"));
      return null;
    }
    return id.stringValue();
  }

  /** A job id for an item that did not bring one: time-ordered prefix, random suffix. */
  static String newJobId() {
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    return "job-"
        + Long.toString(System.currentTimeMillis(), 36)
        + "-"
        + HexFormat.of().formatHex(random);
  }
}
