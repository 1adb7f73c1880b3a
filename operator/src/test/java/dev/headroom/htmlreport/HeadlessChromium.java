package dev.headroom.htmlreport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol on a WebSocket: it opens a page,
 * and tells what the page logged as errors, which requests it made, what a script reads off it,
 * and what it looks like (a PNG), in light or dark.
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern ENDPOINT = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();

  /** What a page did while it loaded. */
  record Visit(List<String> errors, List<String> requests) {}

  private HeadlessChromium(Process process, Path profile, String endpoint) throws Exception {
    this.process = process;
    this.profile = profile;
    // The JDK's client: it sends no Origin header, which Chromium's DevTools endpoint would refuse.
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(endpoint), new WebSocket.Listener() {
          private final StringBuilder message = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
              received(message.toString());
              message.setLength(0);
            }
            webSocket.request(1);
            return null;
          }
        }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Starts Chromium with a fresh profile and no background networking of its own. */
  static HeadlessChromium start() throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile");
    Process p = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-default-apps", "--remote-allow-origins=*", "--user-data-dir=" + profile, "--remote-debugging-port=0",
        "about:blank").redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          Matcher m = ENDPOINT.matcher(line);
          if (m.find()) {
            endpoint.complete(m.group(1));
          }
        }
        endpoint.completeExceptionally(new IOException("chromium exited before it listened"));
      } catch (IOException e) {
        endpoint.completeExceptionally(e);
      }
    }, "chromium-output");
    reader.setDaemon(true);
    reader.start();
    return new HeadlessChromium(p, profile, endpoint.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
  }

  private void received(String text) {
    try {
      JsonNode message = JSON.readTree(text);
      if (message.has("id")) {
        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
        if (reply != null) {
          if (message.has("error")) {
            reply.completeExceptionally(new IllegalStateException(message.get("error").toString()));
          } else {
            reply.complete(message.get("result"));
          }
        }
      } else {
        listeners.forEach(l -> l.accept(message));
      }
    } catch (IOException e) {
      throw new IllegalStateException("unreadable DevTools message: " + text, e);
    }
  }

  private JsonNode call(String sessionId, String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    synchronized (socket) {
      // One whole message at a time: the JDK's WebSocket refuses a send while another is under way.
      socket.sendText(message.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    return reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** A tab on {@code page}, loaded, with what it logged and requested on the way. */
  final class Tab {
    final String session;
    final Visit visit;

    private Tab(String session, Visit visit) {
      this.session = session;
      this.visit = visit;
    }

    /** The value of a JavaScript expression, as JSON. */
    JsonNode evaluate(String expression) throws Exception {
      JsonNode result = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
      return result.get("result").get("value");
    }

    /** A PNG of the whole page at {@code width} CSS pixels, in the dark scheme or the light one. */
    void screenshot(Path png, int width, boolean dark) throws Exception {
      call(session, "Emulation.setEmulatedMedia", Map.of("features",
          List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
      // The width first: the page's height depends on how its grid lays out at that width.
      call(session, "Emulation.setDeviceMetricsOverride",
          Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", false));
      int height = evaluate("document.documentElement.scrollHeight").asInt();
      call(session, "Emulation.setDeviceMetricsOverride",
          Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
      JsonNode shot = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
      Files.createDirectories(png.getParent());
      Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
    }
  }

  Tab open(Path page) throws Exception {
    String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
    String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
        .get("sessionId").asText();
    List<String> errors = new CopyOnWriteArrayList<>();
    List<String> requests = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> loaded = new CompletableFuture<>();
    String url = page.toUri().toString();
    listeners.add(event -> {
      if (!session.equals(event.path("sessionId").asText())) {
        return;
      }
      JsonNode params = event.path("params");
      switch (event.path("method").asText()) {
        case "Runtime.consoleAPICalled" -> {
          if (List.of("error", "warning", "assert").contains(params.path("type").asText())) {
            errors.add("console." + params.path("type").asText() + ": " + params.path("args").toString());
          }
        }
        case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails").toString());
        case "Log.entryAdded" -> {
          JsonNode entry = params.path("entry");
          if (List.of("error", "warning").contains(entry.path("level").asText())) {
            errors.add("log " + entry.path("level").asText() + ": " + entry.path("text").asText());
          }
        }
        case "Network.requestWillBeSent" -> {
          String requested = params.path("request").path("url").asText();
          if (!requested.equals(url)) {
            requests.add(requested);
          }
        }
        case "Page.loadEventFired" -> loaded.complete(null);
        default -> {
          // other events say nothing about the page's health
        }
      }
    });
    for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
      call(session, domain + ".enable", Map.of());
    }
    call(session, "Page.navigate", Map.of("url", url));
    loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return new Tab(session, new Visit(errors, new ArrayList<>(requests)));
  }

  @Override
  public void close() throws Exception {
    try {
      socket.abort();
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
