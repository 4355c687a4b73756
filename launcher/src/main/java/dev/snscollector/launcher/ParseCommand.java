package dev.snscollector.launcher;

import dev.snscollector.contracts.Json;
import dev.snscollector.contracts.NormalizedRecord;
import dev.snscollector.contracts.Outcome;
import dev.snscollector.contracts.Route;
import dev.snscollector.fixtures.FixtureCase;
import dev.snscollector.fixtures.FixtureFormat;
import dev.snscollector.fixtures.FixtureStore;
import dev.snscollector.parsers.Capture;
import dev.snscollector.parsers.PageParser;
import dev.snscollector.parsers.ParseContext;
import dev.snscollector.parsers.ParseResult;
import dev.snscollector.parsers.ParserRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * page type is recognized from the document itself (and said on stderr). Records go to stdout as
 * JSON lines. Exit codes: 0 records, 3 drift (report on stderr), 4 blocked or walled, 5 not found
 * or private, 2 unrecognized document or usage error; with several files, the most serious wins.
 */
@Command(name = "parse", description = "Parse saved documents into records (JSON lines on stdout).")
final class ParseCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int UNRECOGNIZED = 2;
  static final int DRIFT = 3;
  static final int BLOCKED = 4;
  static final int ABSENT = 5;

  @Option(names = "--platform", description = "Only consider this platform's page types")
  @Nullable String platform;

  @Option(names = "--page", description = "The page type id, e.g. youtube.web.watch")
  @Nullable String page;

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
      err.println(
          file + ": " + (page != null ? "no page type '" + page + "'" : "unrecognized document"));
      return UNRECOGNIZED;
    }
    String type = parser.get().pageType().id();
    if (page == null) {
      err.println(file + ": recognized as " + type);
    }
    Route route = FixtureCase.routeOf(type);
    ParseResult result =
        parser.get().parse(capture, new ParseContext(route, null, capture.fetchedAt()));
    return switch (result) {
      case ParseResult.Parsed parsed -> {
        for (NormalizedRecord r : parsed.records()) {
          out.println(Json.RECORD_WRITER.writeValueAsString(r));
        }
        yield OK;
      }
      case ParseResult.Drifted drifted -> {
        err.println(Json.MAPPER.writeValueAsString(drifted.report()));
        yield DRIFT;
      }
      case ParseResult.Classified classified -> {
        err.println(
            Json.MAPPER.writeValueAsString(
                Map.of(
                    "file",
                    file.toString(),
                    "pageType",
                    type,
                    "outcome",
                    classified.outcome().wireName(),
                    "reason",
                    classified.reason())));
        yield classified.outcome() == Outcome.NOT_FOUND || classified.outcome() == Outcome.PRIVATE
            ? ABSENT
            : BLOCKED;
      }
    };
  }

  /** A fixture case folder or meta.json as recorded; any other file as a 200 response body. */
  private Capture read(Path file) throws IOException {
    if (Files.isDirectory(file) && Files.exists(file.resolve(FixtureFormat.META_FILE))) {
      return FixtureStore.read(file).capture();
    }
    byte[] body = Files.readAllBytes(file);
    String name = file.getFileName().toString();
    if (name.endsWith(".gz")) {
      try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      }
    }
    String type =
        name.contains(".json")
            ? "application/json"
            : name.contains(".xml") ? "application/xml" : "text/html";
    return new Capture(
        file.toUri().toString(),
        "GET",
        200,
        Map.of("content-type", type + "; charset=utf-8"),
        body,
        Files.getLastModifiedTime(file).toInstant(),
        page);
  }

  static int worse(int a, int b) {
    List<Integer> order = List.of(OK, ABSENT, BLOCKED, DRIFT, UNRECOGNIZED);
    return order.indexOf(a) >= order.indexOf(b) ? a : b;
  }
}
