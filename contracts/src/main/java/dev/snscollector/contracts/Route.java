package dev.snscollector.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** One way to fetch a document. A job tries its routes in order. */
public enum Route {
  /** The platform's official API, with the creator's token or an app key. */
  API("api"),
  /** Public pages over plain HTTP through the proxy pool. */
  CRAWL("crawl"),
  /** Public pages rendered by a headless browser. */
  BROWSER("browser");

  private final String wireName;

  Route(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  public static Optional<Route> fromWireName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
  }

  @JsonCreator
  static Route parse(String name) {
    return fromWireName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown route '" + name + "'"));
  }
}
