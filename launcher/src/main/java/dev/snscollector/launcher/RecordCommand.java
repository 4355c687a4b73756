package dev.snscollector.launcher;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.fixtures.FixtureCase;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.fixtures.Scrubber;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.proxypool.ProxyPool;
import dev.snscollector.worker.WorkerRuntime;
import dev.snscollector.worker.crawl.CrawlFetcher;
import dev.snscollector.worker.crawl.ProxyPools;
import dev.snscollector.worker.crawl.ProxyUnavailableException;
import dev.snscollector.worker.fetch.HttpFetcher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./collector fixtures record --url URL}: fetches a live page, scrubs it (credentials,
 * cookies, tokens, e-mail addresses, phone numbers), recognizes its page type and writes a new case
 * with the records today's parser makes of it as the expected output, to be reviewed before
 * committing. Fetches directly; the proxied crawl and browser routes come with the route plan.
 */
@Command(name = "record", description = "Record a live page as a new fixture case (scrubbed).")
final class RecordCommand implements Callable<Integer> {
  @Option(names = "--url", required = true, description = "The page or API URL to fetch")
  String url = "";

  @Option(names = "--name", description = "Case folder name (default: derived from the URL)")
  @Nullable String name;

  @Option(names = "--page", description = "Page type id, when the document cannot be recognized")
  @Nullable String page;

  @Option(names = "--dir", description = "Fixtures folder (default: the checkout's fixtures/)")
  Path dir = LoadRun.fixturesDir();

  @Option(
      names = "--proxy",
      description =
          "A proxy URI to fetch through (repeatable); default PROXIES / PROXY_FILE, else direct")
  List<String> proxies = new ArrayList<>();

  @Override
  public Integer call() {
    OkHttpClient client = HttpFetcher.newClient(1);
    Map<String, String> env = new HashMap<>(CliEnvironment.get());
    if (!proxies.isEmpty()) {
      env.put("PROXIES", String.join(",", proxies));
    }
    ProxyPool pool = ProxyPools.fromEnvironment(env, Clock.systemUTC(), true);
    try (CrawlFetcher fetcher =
        new CrawlFetcher(pool, client, Clock.systemUTC(), WorkerRuntime.MAX_BODY_BYTES)) {
      Capture fetched;
      try {
        fetched = fetcher.fetch(url, null, page);
      } catch (ProxyUnavailableException e) {
        System.err.println(e.getMessage() + "; try again later");
        return 1;
      }
      Capture capture = Scrubber.scrub(fetched);
      ParserRegistry registry = ParserRegistry.defaults();
      Optional<PageParser> parser =
          page != null ? registry.byId(page) : registry.recognize(capture);
      if (parser.isEmpty()) {
        System.err.println(
            url + ": unrecognized document (status " + capture.status() + "); give --page");
        return 2;
      }
      String type = parser.get().pageType().id();
      capture =
          new Capture(
              capture.url(),
              capture.method(),
              capture.status(),
              capture.headers(),
              capture.body(),
              capture.fetchedAt(),
              type);
      ParseResult result =
          parser
              .get()
              .parse(
                  capture, new ParseContext(FixtureCase.routeOf(type), null, capture.fetchedAt()));
      List<NormalizedRecord> expected =
          result instanceof ParseResult.Parsed p ? p.records() : List.of();
      String caseName = name != null ? name : slug(capture.url());
      Path caseDir =
          dir.resolve(parser.get().pageType().platform().wireName())
              .resolve(type)
              .resolve(caseName);
      FixtureStore.write(
          caseDir,
          capture,
          expected,
          result instanceof ParseResult.Classified c ? c.outcome() : null);
      System.out.println("wrote " + caseDir + " (" + type + ", " + describe(result) + ")");
      System.out.println(
          "review it (body, meta.json, expected.jsonl) for personal data before committing");
      return 0;
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  private static String describe(ParseResult result) {
    return switch (result) {
      case ParseResult.Parsed p -> p.records().size() + " records";
      case ParseResult.Drifted d ->
          "drift at " + d.report().failures().stream().map(f -> f.path()).toList();
      case ParseResult.Classified c -> c.outcome().wireName() + ": " + c.reason();
    };
  }

  static String slug(String url) {
    String s =
        url.replaceFirst("^https?://[^/]+", "")
            .replaceAll("[^A-Za-z0-9]+", "-")
            .toLowerCase(Locale.ROOT);
    s = s.replaceAll("^-+|-+$", "");
    return "recorded-" + (s.length() > 60 ? s.substring(0, 60) : s);
  }
}
