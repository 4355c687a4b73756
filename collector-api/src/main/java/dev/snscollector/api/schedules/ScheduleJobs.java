package dev.snscollector.api.schedules;

import dev.snscollector.api.http.Problem.FieldError;
import dev.snscollector.api.jobs.JobDrafts;
import dev.snscollector.contracts.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The jobs a schedule makes on a tick: its template once per target (or per account, with the
 * account), each with an id derived from the schedule, the tick and the position, so that a tick's
 * jobs are the same whoever fires it. The same code checks a schedule when it is created.
 */
final class ScheduleJobs {
  private static final Set<String> SET_BY_SCHEDULE =
      Set.of("jobId", "target", "account", "schemaVersion");

  private ScheduleJobs() {}

  /**
   * The tick's jobs, in list order.
   *
   * @param idPrefix each job's id is {@code <idPrefix>-<position>}
   * @param errors where problems go, with pointers into a schedule request ({@code /job/...},
   *     {@code /targets/3}, {@code /accounts/0})
   */
  static List<JobDrafts.Draft> drafts(
      JsonNode template,
      List<String> targets,
      List<String> accounts,
      String idPrefix,
      List<FieldError> errors) {
    Set<FieldError> found = new LinkedHashSet<>();
    if (!template.isObject()) {
      errors.add(new FieldError("/job", "a job template: {platform, kind, options, metadata}"));
      return List.of();
    }
    for (String name : SET_BY_SCHEDULE) {
      if (template.has(name)) {
        found.add(new FieldError("/job/" + name, "set by the schedule, not the template"));
      }
    }
    boolean byAccount = !accounts.isEmpty();
    List<String> subjects = byAccount ? accounts : targets;
    String list = byAccount ? "/accounts/" : "/targets/";
    List<JobDrafts.Draft> out = new ArrayList<>(subjects.size());
    for (int i = 0; i < subjects.size(); i++) {
      ObjectNode doc = (ObjectNode) template.deepCopy();
      SET_BY_SCHEDULE.forEach(doc::remove);
      doc.put("jobId", idPrefix + "-" + i);
      doc.put("target", subjects.get(i));
      if (byAccount) {
        doc.set("account", Json.MAPPER.createObjectNode().put("accountId", subjects.get(i)));
      }
      JobDrafts.Parsed parsed = JobDrafts.parse(doc, "");
      for (FieldError e : parsed.errors()) {
        found.add(
            e.pointer().startsWith("/target") || e.pointer().startsWith("/account")
                ? new FieldError(list + i, e.detail())
                : new FieldError("/job" + e.pointer(), e.detail()));
      }
      if (parsed.draft() != null) {
        out.add(parsed.draft());
      }
    }
    errors.addAll(found);
    return out;
  }
}
