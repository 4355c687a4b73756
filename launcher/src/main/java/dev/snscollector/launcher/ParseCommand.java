package dev.snscollector.launcher;

import dev.snscollector.capture.Capture;
import dev.snscollector.contracts.DriftReport;
import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureCase;
import dev.snscollector.fixtures.FixtureFormat;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.fixtures.LooseCaptures;
import dev.snscollector.parsers.MissingContextException;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import dev.snscollector.parsers.TracedParse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./collector parse FILE...}: runs saved documents through the parsers. Without flags the
 * page type is recognized from the document itself (and said on stderr); a refusal page that names
 * no page type (a captcha interstitial, a bot check, a login wall) is classified as such. Records
 * go to stdout as JSON lines. Exit codes: 0 records, 3 drift (each failing path on stderr, then the
 * report as JSON), 4 blocked or walled, 5 not found or private, 2 unrecognized document, 64 a
 * document that needs context the command was not given (e.g. {@code --url} for a comment
 * continuation); with several files, the most serious wins. {@code --trace} prints the JSON
 * pointers (and DOM elements) each parse read.
 */
@Command(name = "parse", description = "Parse saved documents into records (JSON lines on stdout).")
final class ParseCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int UNRECOGNIZED = 2;
  static final int DRIFT = 3;
  static final int BLOCKED = 4;
  static final int ABSENT = 5;
  static final int USAGE = 64;

  @Option(names = "--platform", description = "Only consider this platform's page types")
  @Nullable String platform;

  @Option(names = "--page", description = "The page type id, e.g. youtube.web.watch")
  @Nullable String page;

  @Option(
      names = "--url",
      description =
          "The URL the document was fetched from, when the file does not say (fixture cases"
              + " carry theirs). A YouTube comment continuation needs its video: --url"
              + " 'https://www.youtube.com/youtubei/v1/next?v=VIDEO_ID'")
  @Nullable String url;

  @Option(names = "--trace", description = "Print the JSON pointers each parse read (stderr)")
  boolean trace;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "Documents, or fixture case folders")
  List<Path> files = List.of();

  private final PrintStream out;
  private final PrintStream err;

  ParseCommand() {
    this(System.out, System.err);
  }

  ParseCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    ParserRegistry registry = ParserRegistry.defaults();
    int worst = OK;
    for (Path file : files) {
      worst = worse(worst, parseOne(registry, file));
    }
    return worst;
  }

  private int parseOne(ParserRegistry registry, Path file) throws IOException {
    Capture capture = read(file);
    Optional<PageParser> parser = page != null ? registry.byId(page) : registry.recognize(capture);
    if (parser.isPresent()
        && platform != null
        && !parser.get().pageType().platform().wireName().equals(platform)) {
      parser = Optional.empty();
    }
    if (parser.isEmpty()) {
      Optional<ParseResult.Classified> refusal =
          page == null ? registry.refusal(capture) : Optional.empty();
      if (refusal.isPresent()) {
        err.println(file + ": not content: a refusal or error page that names no page type");
        return classified(file, "(none)", refusal.get());
      }
      err.println(
          file
              + ": "
              + (page != null
                  ? "no page type '" + page + "'"
                  : "unrecognized document: no page type's markers and no known refusal page"
                      + " (pass --page to force one)"));
      return UNRECOGNIZED;
    }
    String type = parser.get().pageType().id();
    if (page == null) {
      err.println(file + ": recognized as " + type);
    }
    Route route = FixtureCase.routeOf(type);
    ParseContext context = new ParseContext(route, null, capture.fetchedAt());
    ParseResult result;
    try {
      if (trace) {
        TracedParse traced = parser.get().parseTraced(capture, context);
        traced.touched().forEach(p -> err.println(file + ": read " + (p.isEmpty() ? "(root)" : p)));
        traced.domSources().forEach((p, css) -> err.println(file + ": " + p + " came from " + css));
        result = traced.result();
      } else {
        result = parser.get().parse(capture, context);
      }
    } catch (MissingContextException e) {
      err.println(
          file
              + ": "
              + e.getMessage()
              + (capture.url().startsWith("file:")
                  ? "; pass it with --url '" + e.example() + "'"
                  : "; the capture's URL " + capture.url() + " lacks it"));
      return USAGE;
    }
    return switch (result) {
      case ParseResult.Parsed parsed -> {
        for (NormalizedRecord r : parsed.records()) {
          out.println(Json.RECORD_WRITER.writeValueAsString(r));
        }
        yield OK;
      }
      case ParseResult.Drifted drifted -> {
        for (DriftReport.PathFailure f : drifted.report().failures()) {
          err.println(
              file
                  + ": drift at "
                  + (f.path().isEmpty() ? "(root)" : f.path())
                  + " ("
                  + f.keyword()
                  + "): expected "
                  + f.expected()
                  + ", found "
                  + f.found()
                  + (f.newKeys().isEmpty() ? "" : "; new keys there: " + f.newKeys()));
        }
        err.println(Json.MAPPER.writeValueAsString(drifted.report()));
        yield DRIFT;
      }
      case ParseResult.Classified classified -> classified(file, type, classified);
    };
  }

  private int classified(Path file, String type, ParseResult.Classified classified) {
    Map<String, String> shown = new LinkedHashMap<>();
    shown.put("file", file.toString());
    shown.put("pageType", type);
    shown.put("outcome", classified.outcome().wireName());
    shown.put("reason", classified.reason());
    err.println(Json.MAPPER.writeValueAsString(shown));
    return classified.outcome() == Outcome.NOT_FOUND || classified.outcome() == Outcome.PRIVATE
        ? ABSENT
        : BLOCKED;
  }

  /** A fixture case folder as recorded; any other file as a 200 response body. */
  private Capture read(Path file) throws IOException {
    if (Files.isDirectory(file) && Files.exists(file.resolve(FixtureFormat.META_FILE))) {
      Capture recorded = FixtureStore.read(file).capture();
      return url == null
          ? recorded
          : new Capture(
              url,
              recorded.method(),
              recorded.status(),
              recorded.headers(),
              recorded.body(),
              recorded.fetchedAt(),
              recorded.pageType());
    }
    return LooseCaptures.read(file, url, page);
  }

  static int worse(int a, int b) {
    List<Integer> order = List.of(OK, ABSENT, BLOCKED, DRIFT, UNRECOGNIZED, USAGE);
    return order.indexOf(a) >= order.indexOf(b) ? a : b;
  }
}
