package dev.snscollector.worker.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.snscollector.contracts.SuppressForbidden;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A real origin on 127.0.0.1 serving pages that only have their content once JavaScript ran, a page
 * whose server never answers and one whose script hangs the renderer. Records every path requested,
 * so a test can tell what the browser asked for.
 */
@SuppressForbidden(reason = "jdk.httpserver is a supported JDK module")
final class RenderingOrigin implements AutoCloseable {
  static final String TIKTOK_FIXTURE =
      "fixtures/tiktok/tiktok.web.profile/hanbit-dance-korean-emoji/body.html";
  private static final String DATA_OPEN =
      "<script id=\"__UNIVERSAL_DATA_FOR_REHYDRATION__\" type=\"application/json\">";

  /** An empty shell whose script fetches the greeting and writes it into the page. */
  private static final String PLAIN_PAGE =
      """
      <!DOCTYPE html><html><head><meta charset="utf-8"><title>shell</title></head><body>
      <script>
      fetch('/api/greeting.json').then(r => r.json()).then(j => {
        const p = document.createElement('p');
        p.id = 'greeting';
        p.textContent = j.greeting;
        document.body.appendChild(p);
        const lang = document.createElement('p');
        lang.id = 'languages';
        lang.textContent = navigator.languages.join(',');
        document.body.appendChild(lang);
      });
      </script></body></html>
      """;

  /**
   * A TikTok profile as the web app builds it: the shell fetches the user detail and writes it into
   * {@code __UNIVERSAL_DATA_FOR_REHYDRATION__}, where the parser reads it.
   */
  private static final String TIKTOK_PAGE =
      """
      <!DOCTYPE html><html lang="ko-KR"><head><meta charset="UTF-8"><title>TikTok</title></head>
      <body><div id="app"><h1 id="nickname"></h1></div>
      <script>
      fetch('/api/user/detail/?uniqueId=hanbit.dance&token=secret-123')
        .then(r => r.json())
        .then(data => {
          document.getElementById('nickname').textContent =
              data.__DEFAULT_SCOPE__['webapp.user-detail'].userInfo.user.nickname;
          const s = document.createElement('script');
          s.id = '__UNIVERSAL_DATA_FOR_REHYDRATION__';
          s.type = 'application/json';
          s.textContent = JSON.stringify(data);
          document.body.appendChild(s);
        });
      </script></body></html>
      """;

  /** An image, a web font and a stylesheet; the script writes down how each fared. */
  private static final String MEDIA_PAGE =
      """
      <!DOCTYPE html><html><head><meta charset="utf-8">
      <link rel="stylesheet" href="/static/page.css"></head><body>
      <img id="avatar" alt="">
      <script>
      const results = {};
      function mark(name, value) {
        results[name] = value;
        if (results.image && results.font) {
          const done = document.createElement('p');
          done.id = 'done';
          done.textContent = 'image:' + results.image + ' font:' + results.font;
          document.body.appendChild(done);
        }
      }
      const img = document.getElementById('avatar');
      img.onload = () => mark('image', 'loaded');
      img.onerror = () => mark('image', 'blocked');
      img.src = '/static/avatar.png';
      new FontFace('Brand', 'url(/static/brand.woff2)').load()
        .then(() => mark('font', 'loaded'), () => mark('font', 'blocked'));
      </script></body></html>
      """;

  /** Counts its visits in a cookie: the same count means the same browser context. */
  private static final String COUNTER_PAGE =
      """
      <!DOCTYPE html><html><body>
      <script>
      const match = document.cookie.match(/visits=(\\d+)/);
      const visits = (match ? Number(match[1]) : 0) + 1;
      document.cookie = 'visits=' + visits + '; path=/';
      const p = document.createElement('p');
      p.id = 'visits';
      p.textContent = 'visits:' + visits;
      document.body.appendChild(p);
      </script></body></html>
      """;

  /** Loads, then keeps the renderer busy for good: reading its DOM never returns. */
  private static final String BUSY_PAGE =
      """
      <!DOCTYPE html><html><body><p>loaded</p>
      <script>addEventListener('load', () => setTimeout(() => { for (;;) {} }, 50));</script>
      </body></html>
      """;

  final Queue<String> requested = new ConcurrentLinkedQueue<>();

  /** The headers of the latest document request, lower-case names. */
  volatile Map<String, String> documentHeaders = Map.of();

  private final HttpServer server;
  private final CountDownLatch released = new CountDownLatch(1);
  private final String tiktokData;

  RenderingOrigin(Path projectDir) throws IOException {
    String fixture = Files.readString(projectDir.resolve(TIKTOK_FIXTURE));
    int open = fixture.indexOf(DATA_OPEN) + DATA_OPEN.length();
    tiktokData = fixture.substring(open, fixture.indexOf("</script>", open));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  boolean requested(String path) {
    return requested.stream().anyMatch(p -> p.startsWith(path));
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    requested.add(ex.getRequestURI().toString());
    switch (path) {
      case "/plain" -> {
        documentHeaders =
            Map.of(
                "accept-language",
                    String.valueOf(ex.getRequestHeaders().getFirst("Accept-Language")),
                "user-agent", String.valueOf(ex.getRequestHeaders().getFirst("User-Agent")));
        send(ex, 200, "text/html; charset=utf-8", PLAIN_PAGE);
      }
      case "/api/greeting.json" ->
          send(ex, 200, "application/json", "{\"greeting\":\"안녕하세요, rendered by script\"}");
      case "/@hanbit.dance" -> send(ex, 200, "text/html; charset=utf-8", TIKTOK_PAGE);
      case "/api/user/detail/" -> send(ex, 200, "application/json; charset=utf-8", tiktokData);
      case "/media" -> send(ex, 200, "text/html; charset=utf-8", MEDIA_PAGE);
      case "/static/page.css" -> send(ex, 200, "text/css", "body { color: #333 }");
      case "/static/avatar.png" -> send(ex, 200, "image/png", "not really a png");
      case "/static/brand.woff2" -> send(ex, 200, "font/woff2", "not really a font");
      case "/counter" -> send(ex, 200, "text/html; charset=utf-8", COUNTER_PAGE);
      case "/busy" -> send(ex, 200, "text/html; charset=utf-8", BUSY_PAGE);
      case "/hang" -> {
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        ex.close();
      }
      default -> send(ex, 404, "text/plain", "not found");
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  List<String> requestedPaths() {
    return List.copyOf(requested);
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
