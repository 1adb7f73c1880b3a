package dev.headroom.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server answering GET on a few paths, for probes, metrics and reports: they must
 * answer even when the operator's own machinery is stuck, so they get their own threads and port.
 */
public final class EndpointServer implements AutoCloseable {

  /** What a path answers. */
  public record Reply(int status, String contentType, String body) {

    public static Reply text(boolean ok, String body) {
      return new Reply(ok ? 200 : 503, "text/plain; charset=utf-8", body + "\n");
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(EndpointServer.class);

  public static final Reply NOT_FOUND = new Reply(404, "text/plain; charset=utf-8", "not found\n");

  private final HttpServer server;
  private final ExecutorService executor;

  private EndpointServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens on {@code host:port} ({@code 0.0.0.0}: every address; port 0: any free port).
   *
   * @throws IOException when the port cannot be had
   */
  public static EndpointServer start(String name, String host, int port, Map<String, Supplier<Reply>> routes)
      throws IOException {
    return start(name, host, port, routes, Map.of());
  }

  /**
   * As {@link #start(String, String, int, Map)}, plus routes for every path under a prefix (such as
   * {@code /reports/}), each given the path asked for.
   */
  public static EndpointServer start(String name, String host, int port, Map<String, Supplier<Reply>> routes,
      Map<String, Function<String, Reply>> prefixes) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    routes.forEach((path, reply) -> server.createContext(path,
        exchange -> answer(exchange, p -> p.equals(path) ? reply.get() : null)));
    prefixes.forEach((prefix, reply) -> server.createContext(prefix, exchange -> answer(exchange, reply)));
    // Threads enough that a slow page (a report read through the API server) never holds up a probe
    // or a scrape behind it.
    ExecutorService executor = Executors.newFixedThreadPool(prefixes.isEmpty() ? 1 : 3, r -> {
      Thread t = new Thread(r, "headroom-" + name);
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.start();
    return new EndpointServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** @param route the reply to a path, or null for a path it does not serve */
  private static void answer(HttpExchange exchange, Function<String, Reply> route) throws IOException {
    try (exchange) {
      Reply reply;
      if (!exchange.getRequestMethod().equals("GET")) {
        reply = new Reply(405, "text/plain; charset=utf-8", "GET only\n");
      } else {
        reply = safely(route, exchange.getRequestURI().getPath());
        if (reply == null) {
          reply = NOT_FOUND;
        }
      }
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.sendResponseHeaders(reply.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Reply safely(Function<String, Reply> route, String path) {
    try {
      return route.apply(path);
    } catch (RuntimeException e) {
      // The reason goes to the log; a reader of the page gets no internals (API addresses, file contents).
      LOG.warn("GET {} failed: {}", path, e.toString());
      return new Reply(500, "text/plain; charset=utf-8", "internal error: see the operator's log\n");
    }
  }
}
