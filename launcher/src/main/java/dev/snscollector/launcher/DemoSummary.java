package dev.snscollector.launcher;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Platform;
import dev.snscollector.contracts.Route;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the demo's jobs came to, read back from collector-api as the platform would read it ({@code
 * GET /v1/jobs}): outcomes by platform and by the route that ended each job, the jobs that moved
 * from one route to the next (their result events' {@code routes[]}), the revoked token and what
 * the API made of it, the drift reports with where their pages were kept, and what the local origin
 * answered.
 */
final class DemoSummary {
  /** One finished job as the API shows it. */
  record Job(
      String jobId,
      Platform platform,
      @Nullable String accountId,
      Outcome outcome,
      List<Attempt> routes,
      @Nullable JsonNode drift,
      @Nullable String records,
      @Nullable String captures) {
    /** The route whose answer ended the job, or null when no route could take it. */
    @Nullable Route finalRoute() {
      return routes.isEmpty() ? null : routes.getLast().route();
    }

    String chain() {
      return routes.stream()
          .map(a -> a.route().wireName() + " " + a.outcome().wireName())
          .collect(Collectors.joining(" → "));
    }

    int fetches() {
      return routes.stream().mapToInt(Attempt::fetches).sum();
    }
  }

  record Attempt(Route route, Outcome outcome, int fetches) {}

  /** Chains of attempts, shorter first, then by name: "api ok" before "api token_invalid → …". */
  private static final Comparator<String> BY_ATTEMPTS =
      Comparator.comparingInt((String chain) -> chain.split(" → ").length)
          .thenComparing(Comparator.naturalOrder());

  private final List<Job> jobs;

  DemoSummary(List<Job> jobs) {
    this.jobs = List.copyOf(jobs);
  }

  /** Every finished job the API lists (the demo's database holds this run's jobs alone). */
  static DemoSummary read(ApiClient api) {
    List<Job> jobs = new ArrayList<>();
    api.eachJob("status=succeeded,failed,cancelled", node -> jobs.add(job(node)));
    return new DemoSummary(jobs);
  }

  private static Job job(JsonNode n) {
    List<Attempt> routes = new ArrayList<>();
    for (JsonNode a : n.path("routes")) {
      routes.add(
          new Attempt(
              Route.fromWireName(a.path("route").stringValue("")).orElseThrow(),
              outcome(a.path("outcome")),
              a.path("fetches").asInt(0)));
    }
    JsonNode drift = n.path("drift");
    JsonNode records = n.path("locations").path("records");
    JsonNode captures = n.path("locations").path("captures");
    return new Job(
        n.path("jobId").stringValue(""),
        Platform.fromWireName(n.path("platform").stringValue("")).orElseThrow(),
        n.path("accountId").isString() ? n.path("accountId").stringValue() : null,
        outcome(n.path("outcome")),
        routes,
        drift.isObject() ? drift : null,
        records.isString() ? records.stringValue() : null,
        captures.isString() ? captures.stringValue() : null);
  }

  private static Outcome outcome(JsonNode wire) {
    return Outcome.fromWireName(wire.stringValue("")).orElse(Outcome.INTERNAL);
  }

  List<Job> jobs() {
    return jobs;
  }

  /** Jobs by platform, then by the route that ended them (null: none could), then by outcome. */
  Map<Platform, Map<String, Map<Outcome, Integer>>> byPlatformAndRoute() {
    Map<Platform, Map<String, Map<Outcome, Integer>>> out = new EnumMap<>(Platform.class);
    for (Job j : jobs) {
      Route route = j.finalRoute();
      out.computeIfAbsent(j.platform(), p -> new TreeMap<>())
          .computeIfAbsent(
              route == null ? "-" : route.wireName(), r -> new EnumMap<>(Outcome.class))
          .merge(j.outcome(), 1, Integer::sum);
    }
    return out;
  }

  void printOutcomes(PrintStream out) {
    out.println("Outcomes by platform and route (the route whose answer ended the job)");
    out.printf(Locale.ROOT, "  %-11s %-7s %5s  %s%n", "platform", "route", "jobs", "outcomes");
    byPlatformAndRoute()
        .forEach(
            (platform, routes) ->
                routes.forEach(
                    (route, outcomes) ->
                        out.printf(
                            Locale.ROOT,
                            "  %-11s %-7s %5d  %s%n",
                            platform.wireName(),
                            route,
                            outcomes.values().stream().mapToInt(Integer::intValue).sum(),
                            outcomes.entrySet().stream()
                                .map(e -> e.getKey().wireName() + " " + e.getValue())
                                .collect(Collectors.joining(", ")))));
  }

  /** Jobs that tried more than one route, by platform and chain of attempts. */
  void printFallbacks(PrintStream out) {
    Map<String, List<Job>> chains = new TreeMap<>();
    for (Job j : jobs) {
      if (j.routes().size() > 1) {
        chains
            .computeIfAbsent(j.platform().wireName() + "  " + j.chain(), k -> new ArrayList<>())
            .add(j);
      }
    }
    out.println("Route fallbacks (the attempts in each job's result event, routes[])");
    if (chains.isEmpty()) {
      out.println("  none");
    }
    chains.forEach(
        (chain, list) ->
            out.printf(
                Locale.ROOT,
                "  %-50s %4d %s, e.g. GET /v1/jobs/%s%n",
                chain,
                list.size(),
                list.size() == 1 ? "job" : "jobs",
                list.getFirst().jobId()));
  }

  /**
   * The revoked creator's jobs: answered by the API before the revocation, moved to the crawl after
   * it, and sent without the token once the API had marked the account invalid.
   */
  void printRevocation(
      PrintStream out,
      DemoWorkload.Creator creator,
      DemoSite.Revocation revocation,
      @Nullable JsonNode account) {
    out.printf(
        Locale.ROOT,
        "The token that turned invalid: %s account %s (%s)%n",
        creator.platform().wireName(),
        creator.accountId(),
        creator.handle());
    out.printf(
        Locale.ROOT,
        "  the origin, as %s, accepted it for %s, then refused %d as a revoked token%n",
        revocation.host,
        revocation.accepted == 1 ? "1 call" : revocation.accepted + " calls",
        Math.max(0, revocation.calls() - revocation.accepted));
    Map<String, Integer> chains = new TreeMap<>(BY_ATTEMPTS);
    boolean sentWithout = false;
    for (Job j : jobs) {
      if (creator.accountId().equals(j.accountId())) {
        chains.merge(j.chain(), 1, Integer::sum);
        sentWithout |= !j.routes().isEmpty() && j.routes().getFirst().route() != Route.API;
      }
    }
    chains.forEach(
        (chain, n) ->
            out.printf(
                Locale.ROOT, "  %4d of its jobs: %s%n", n, chain.isEmpty() ? "no route" : chain));
    if (account != null) {
      out.printf(
          Locale.ROOT,
          "  collector-api's view of the account: GET /v1/accounts/%s/%s → %s%s%n",
          creator.platform().wireName(),
          creator.accountId(),
          account.path("status").stringValue("?"),
          account.path("statusReason").isString()
              ? " (" + account.path("statusReason").stringValue() + ")"
              : "");
    }
    if (sentWithout) {
      out.println(
          "  (jobs the API sent after it marked the account invalid carry no token: the API route"
              + " skips them)");
    }
  }

  /** Drift reports grouped by page type, URL and failing paths, with where the pages were kept. */
  void printDrift(PrintStream out, String bucket, Path s3Dir) {
    Map<String, List<Job>> groups = new TreeMap<>();
    for (Job j : jobs) {
      if (j.drift() != null) {
        groups.computeIfAbsent(driftKey(j.drift()), k -> new ArrayList<>()).add(j);
      }
    }
    out.println("Drift (documents that no longer match their page type's structure schema)");
    if (groups.isEmpty()) {
      out.println("  none");
    }
    for (List<Job> group : groups.values()) {
      JsonNode drift = group.getFirst().drift();
      if (drift == null) {
        continue;
      }
      out.printf(
          Locale.ROOT,
          "  page type %s (schema %s), %d %s on %s%n",
          pageType(drift),
          drift.path("schemaId").stringValue(""),
          group.size(),
          group.size() == 1 ? "job" : "jobs",
          drift.path("url").stringValue(""));
      for (JsonNode f : drift.path("failures")) {
        List<String> newKeys = new ArrayList<>();
        f.path("newKeys").forEach(k -> newKeys.add(k.stringValue("")));
        out.printf(
            Locale.ROOT,
            "    failing path %s: expected %s, found %s%s%n",
            f.path("path").stringValue(""),
            f.path("expected").stringValue(""),
            f.path("found").stringValue(""),
            newKeys.isEmpty()
                ? ""
                : " (keys the schema does not know: " + String.join(", ", newKeys) + ")");
      }
      String kept = group.getFirst().captures();
      if (kept != null) {
        out.printf(
            Locale.ROOT,
            "    page kept at %s%s%n",
            kept,
            group.size() > 1 ? " (and " + (group.size() - 1) + " more beside it)" : "");
        Path file = onDisk(kept, bucket, s3Dir);
        if (file != null) {
          out.printf(Locale.ROOT, "    on disk: %s%n", file);
          out.printf(Locale.ROOT, "    replay it: ./collector fixtures replay %s%n", file);
        }
      }
    }
  }

  /** What the local origin answered, by platform host, beside the fetches the events count. */
  void printOrigin(PrintStream out, String originUrl, Map<String, Long> byHost) {
    long requests = byHost.values().stream().mapToLong(Long::longValue).sum();
    out.printf(
        Locale.ROOT,
        "Offline: every route went to the local origin %s, standing in for %d hosts%n",
        originUrl,
        byHost.size());
    out.printf(
        Locale.ROOT,
        "  it answered %d requests; the jobs' result events count %d fetches%n",
        requests,
        jobs.stream().mapToInt(Job::fetches).sum());
    byHost.forEach((host, n) -> out.printf(Locale.ROOT, "    %-22s %6d%n", host, n));
  }

  /** Where S3Proxy keeps an object of {@code s3://<bucket>/<key>}, or null for another bucket. */
  static @Nullable Path onDisk(String uri, String bucket, Path s3Dir) {
    String prefix = "s3://" + bucket + "/";
    return uri.startsWith(prefix)
        ? s3Dir.resolve(bucket).resolve(uri.substring(prefix.length()))
        : null;
  }

  private static String driftKey(JsonNode drift) {
    List<String> paths = new ArrayList<>();
    drift.path("failures").forEach(f -> paths.add(f.path("path").stringValue("")));
    return pageType(drift) + " " + drift.path("url").stringValue("") + " " + paths;
  }

  /** {@code https://snscollector.dev/structure/<pageType>/v1} → {@code <pageType>}. */
  static String pageType(JsonNode drift) {
    String[] parts = drift.path("schemaId").stringValue("").split("/");
    return parts.length >= 2 ? parts[parts.length - 2] : "?";
  }
}
