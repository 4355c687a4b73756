package dev.snscollector.launcher;

import dev.snscollector.contracts.Outcome;
import dev.snscollector.fixtures.FixtureCase;
import dev.snscollector.fixtures.FixtureOrigin;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.fixtures.RequestKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The demo's own pages ({@code launcher/demo-site}, in the fixture layout; read from the checkout
 * like the fixtures, so they never reach a jar or an image), answered by the local origin before
 * the fixtures, and the creator token the demo revokes mid-run.
 *
 * <p>A request whose key is a demo page's gets that page; anything else goes on to the fixtures.
 * Pages classified {@code token_invalid} are not served by key: they are what a platform answers a
 * {@link Revocation revoked} token. The interceptor also counts requests by platform host, so the
 * demo can say what the origin stood in for.
 *
 * <p>Failure modes: {@link #load} throws {@link IllegalStateException} when the folder is missing,
 * and what {@link FixtureStore#load} throws when a page cannot be read.
 */
final class DemoSite {
  private final Map<RequestKey, FixtureOrigin.Response> pages = new HashMap<>();
  private final Map<String, FixtureOrigin.Response> refusals = new HashMap<>();
  private final Map<String, LongAdder> byHost = new ConcurrentHashMap<>();

  private DemoSite(List<FixtureCase> cases) {
    for (FixtureCase c : cases) {
      FixtureOrigin.Response response = response(c);
      if (c.expectedOutcome() == Outcome.TOKEN_INVALID) {
        refusals.putIfAbsent(host(c), response);
      } else {
        pages.putIfAbsent(RequestKey.of(c.capture().method(), c.capture().url()), response);
      }
    }
  }

  /**
   * The demo's pages in the checkout the launcher runs from: {@code -Dcollector.demo-site}, else
   * {@code launcher/demo-site} under the checkout.
   */
  static Path dir() {
    String dir = System.getProperty("collector.demo-site");
    return dir == null ? LoadRun.home().resolve("launcher/demo-site") : Path.of(dir);
  }

  /** The demo's pages under {@code dir}. */
  static DemoSite load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no demo pages at " + dir);
    }
    return new DemoSite(FixtureStore.load(dir).all());
  }

  /**
   * A creator's token that the platform at {@code host} accepts for its first {@code accepted}
   * calls and refuses from then on, as when the creator revokes the app's access mid-run.
   */
  static final class Revocation {
    final String host;
    final int accepted;
    private final String authorization;
    private final AtomicInteger calls = new AtomicInteger();

    Revocation(String host, String token, int accepted) {
      this.host = host;
      this.authorization = "Bearer " + token;
      this.accepted = accepted;
    }

    /** Whether this request carries the token after it was revoked (it counts the request). */
    boolean refuses(FixtureOrigin.Request request) {
      return request.host().equals(host)
          && authorization.equals(request.headers().get("authorization"))
          && calls.incrementAndGet() > accepted;
    }

    int calls() {
      return calls.get();
    }
  }

  /** The origin's interceptor: the revocation (if any), then the demo's pages. */
  FixtureOrigin.Interceptor interceptor(@Nullable Revocation revocation) {
    FixtureOrigin.Response refusal = revocation == null ? null : refusals.get(revocation.host);
    if (revocation != null && refusal == null) {
      throw new IllegalArgumentException("no token_invalid page for " + revocation.host);
    }
    return request -> {
      byHost.computeIfAbsent(request.host(), h -> new LongAdder()).increment();
      if (revocation != null && refusal != null && revocation.refuses(request)) {
        return Optional.of(refusal);
      }
      return Optional.ofNullable(pages.get(request.key()));
    };
  }

  /** Requests the origin received so far, by platform host, sorted by host. */
  Map<String, Long> requestsByHost() {
    Map<String, Long> out = new TreeMap<>();
    byHost.forEach((host, n) -> out.put(host, n.sum()));
    return out;
  }

  private static FixtureOrigin.Response response(FixtureCase c) {
    String type = c.capture().header("content-type");
    return new FixtureOrigin.Response(
        c.capture().status(),
        Map.of("content-type", type == null ? FixtureOrigin.Response.JSON : type),
        c.capture().body());
  }

  private static String host(FixtureCase c) {
    return Objects.requireNonNullElse(URI.create(c.capture().url()).getHost(), "");
  }
}
