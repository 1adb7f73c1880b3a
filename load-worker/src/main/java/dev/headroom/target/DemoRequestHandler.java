package dev.headroom.target;

import dev.headroom.plan.Durations;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Answers the demo target's requests (see {@link DemoTarget} for the paths). Shared by the server
 * instances of every event loop; its timers fire on the event loop of the request they answer.
 */
final class DemoRequestHandler implements Handler<HttpServerRequest> {

  static final int MAX_BYTES = 16 * 1024 * 1024;
  static final Duration MAX_DELAY = Duration.ofMinutes(10);
  private static final String OK_BODY = "ok\n";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private final Vertx vertx;
  private final ServiceQueue queue;
  private final FreezeSchedule freezes;
  private final AtomicLong served;
  private final RateLimits limits = new RateLimits();
  private final DemoTokens tokens = new DemoTokens();

  DemoRequestHandler(Vertx vertx, ServiceQueue queue, FreezeSchedule freezes, AtomicLong served) {
    this.vertx = vertx;
    this.queue = queue;
    this.freezes = freezes;
    this.served = served;
  }

  @Override
  public void handle(HttpServerRequest request) {
    // Arrival is when the whole request is in, as for a server that reads the body before working.
    request.end().onSuccess(ignored -> route(request, System.nanoTime()));
  }

  private void route(HttpServerRequest request, long arrivalNanos) {
    String path = request.path();
    if (path.startsWith("/status/")) {
      answerStatus(request, path.substring("/status/".length()));
    } else if (path.startsWith("/delay/")) {
      answerDelay(request, path.substring("/delay/".length()), arrivalNanos);
    } else if (path.startsWith("/bytes/")) {
      answerBytes(request, path.substring("/bytes/".length()));
    } else if (path.startsWith("/limit/")) {
      answerLimited(request, path.substring("/limit/".length()), arrivalNanos);
    } else if (path.startsWith("/header/")) {
      answerHeader(request, path.substring("/header/".length()), arrivalNanos);
    } else if (path.equals("/login")) {
      at(queue.admit(arrivalNanos), () -> sendJson(request, "{\"token\": \"" + tokens.issue() + "\"}\n"));
    } else if (path.startsWith("/session/")) {
      if (!tokens.valid(bearer(request))) {
        sendNow(request, 401, "Authorization: Bearer <a token from POST /login> required\n");
        return;
      }
      at(queue.admit(arrivalNanos), () -> send(request, 200, Buffer.buffer(OK_BODY)));
    } else if (path.equals("/reset")) {
      whenThawed(() -> request.response().reset());
    } else if (path.equals("/close")) {
      whenThawed(() -> closeAfter(request));
    } else {
      at(queue.admit(arrivalNanos), () -> send(request, 200, Buffer.buffer(OK_BODY)));
    }
  }

  private void answerStatus(HttpServerRequest request, String code) {
    int status = parseInt(code, 200, 599);
    if (status < 0) {
      sendNow(request, 400, "status must be a number from 200 to 599, got '" + code + "'\n");
    } else {
      // 204 and 304 must not carry a body.
      sendNow(request, status, status == 204 || status == 304 ? "" : "status " + status + "\n");
    }
  }

  private void answerDelay(HttpServerRequest request, String text, long arrivalNanos) {
    Duration delay;
    try {
      delay = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      sendNow(request, 400, "delay: " + e.getMessage() + "\n");
      return;
    }
    if (delay.compareTo(MAX_DELAY) > 0) {
      sendNow(request, 400, "delay must be at most " + Durations.formatSpan(MAX_DELAY) + "\n");
      return;
    }
    at(arrivalNanos + delay.toNanos(), () -> send(request, 200, Buffer.buffer("delayed " + text + "\n")));
  }

  /** {@code /limit/{rps}}: as any other path up to that rate, 503 at once beyond it. */
  private void answerLimited(HttpServerRequest request, String rps, long arrivalNanos) {
    int limit = parseInt(rps, 1, 1_000_000);
    if (limit < 0) {
      sendNow(request, 400, "limit must be a number of requests per second from 1 to 1000000, got '" + rps + "'\n");
    } else if (limits.admit(limit, arrivalNanos)) {
      at(queue.admit(arrivalNanos), () -> send(request, 200, Buffer.buffer(OK_BODY)));
    } else {
      sendNow(request, 503, "over the limit of " + limit + " rps\n");
    }
  }

  private void answerBytes(HttpServerRequest request, String count) {
    int n = parseInt(count, 0, MAX_BYTES);
    if (n < 0) {
      sendNow(request, 400, "bytes must be a number from 0 to " + MAX_BYTES + ", got '" + count + "'\n");
      return;
    }
    byte[] body = new byte[n];
    Arrays.fill(body, (byte) 'x');
    sendNow(request, 200, Buffer.buffer(body));
  }

  /**
   * {@code {name}/{sha256}}: served like any path when the request's header {@code name} has the
   * value whose SHA-256 (hex) is {@code sha256}, else 403 at once. The value itself appears nowhere
   * but in the request, so an example can check that a Secret's value arrived without holding it.
   */
  private void answerHeader(HttpServerRequest request, String spec, long arrivalNanos) {
    int slash = spec.indexOf('/');
    String expected = slash < 0 ? "" : spec.substring(slash + 1).toLowerCase(Locale.ROOT);
    if (slash <= 0 || !SHA256_HEX.matcher(expected).matches()) {
      sendNow(request, 400, "header path must be /header/{name}/{sha256 of its value, 64 hex digits}\n");
      return;
    }
    String name = spec.substring(0, slash);
    String value = request.getHeader(name);
    if (value == null || !MessageDigest.isEqual(sha256Hex(value).getBytes(StandardCharsets.US_ASCII),
        expected.getBytes(StandardCharsets.US_ASCII))) {
      sendNow(request, 403, "header " + name + (value == null ? " is missing" : " has another value") + "\n");
      return;
    }
    at(queue.admit(arrivalNanos), () -> send(request, 200, Buffer.buffer(OK_BODY)));
  }

  static String sha256Hex(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String bearer(HttpServerRequest request) {
    String auth = request.getHeader(HttpHeaders.AUTHORIZATION);
    return auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : null;
  }

  private void sendJson(HttpServerRequest request, String json) {
    send(request, 200, Buffer.buffer(json), "application/json");
  }

  private void closeAfter(HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_2) {
      request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    // Vert.x keeps HTTP/1.1 connections open unless the request asked otherwise: close it ourselves.
    send(request, 200, Buffer.buffer("closing\n"))
        .onComplete(ignored -> request.connection().close());
  }

  private void sendNow(HttpServerRequest request, int status, String body) {
    sendNow(request, status, Buffer.buffer(body));
  }

  private void sendNow(HttpServerRequest request, int status, Buffer body) {
    whenThawed(() -> send(request, status, body));
  }

  private void whenThawed(Runnable action) {
    at(System.nanoTime(), action);
  }

  private Future<Void> send(HttpServerRequest request, int status, Buffer body) {
    return send(request, status, body, "text/plain");
  }

  private Future<Void> send(HttpServerRequest request, int status, Buffer body, String contentType) {
    HttpServerResponse response = request.response();
    if (response.closed()) {
      return Future.succeededFuture();
    }
    served.incrementAndGet();
    return response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .end(body);
  }

  /** Runs {@code action} on this event loop once {@code dueNanos} has passed and no freeze is on. */
  private void at(long dueNanos, Runnable action) {
    long now = System.nanoTime();
    long wait = freezes.thawAt(Math.max(now, dueNanos)) - now;
    if (wait <= 0) {
      action.run();
    } else {
      // Nanosecond delay: with native epoll it is honoured below a millisecond (timerfd).
      vertx.timer(wait, TimeUnit.NANOSECONDS).onSuccess(ignored -> at(dueNanos, action));
    }
  }

  /** The number in {@code text} if it is one within {@code [min, max]}, else -1. */
  private static int parseInt(String text, int min, int max) {
    if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    int value = Integer.parseInt(text);
    return value < min || value > max ? -1 : value;
  }
}
