package dev.snscollector.contracts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads and writes job messages. Decoding checks, in order: size, JSON syntax, the job schema, and
 * the target against its platform and kind. Every failure is an {@link InvalidJobException} whose
 * violations name the field; nothing here throws anything else for bad input.
 */
public final class JobCodec {
  /** SQS allows more, but a job is a few hundred bytes: anything this large is not a job. */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024;

  /**
   * The SQS message attribute ({@code "true"}) of a job the API sent again because it could not
   * tell whether its first send went out (a replica died between sending and committing). A worker
   * checks whether such a job already has its result before running it.
   */
  public static final String RESENT_ATTRIBUTE = "collector-resent";

  private JobCodec() {}

  public static JobMessage decode(String body) {
    int bytes = body.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_MESSAGE_BYTES) {
      throw new InvalidJobException(
          null,
          List.of(
              new Violation(
                  "", "message is " + bytes + " bytes; a job is at most " + MAX_MESSAGE_BYTES)));
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidJobException(
          null, List.of(new Violation("", "not valid JSON: " + e.getOriginalMessage())));
    }
    return decode(node);
  }

  public static JobMessage decode(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidJobException(null, List.of(new Violation("", "a job is a JSON object")));
    }
    @Nullable String jobId = node.path("jobId").isString() ? node.path("jobId").asString() : null;
    List<Violation> violations = new ArrayList<>(ContractSchemas.validateJob(node));
    if (!violations.isEmpty()) {
      throw new InvalidJobException(jobId, violations);
    }
    JobMessage job;
    try {
      job = Json.MAPPER.treeToValue(node, JobMessage.class);
    } catch (JacksonException e) {
      throw new InvalidJobException(
          jobId, List.of(new Violation("", "cannot read job: " + e.getOriginalMessage())));
    }
    if (job.kind() == JobKind.INSIGHTS && !JobKind.INSIGHTS_PLATFORMS.contains(job.platform())) {
      throw new InvalidJobException(
          jobId,
          List.of(
              new Violation(
                  "/kind",
                  "insights are collected for instagram and youtube: "
                      + job.platform().wireName()
                      + "'s API offers no account analytics (its counts come with profile jobs)")));
    }
    try {
      Targets.parse(job.platform(), job.kind(), job.target());
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException(
          jobId, List.of(new Violation("/target", String.valueOf(e.getMessage()))));
    }
    return job;
  }

  public static String encode(JobMessage job) {
    return Json.MAPPER.writeValueAsString(job);
  }
}
