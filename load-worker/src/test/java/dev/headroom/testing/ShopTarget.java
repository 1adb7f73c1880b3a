package dev.headroom.testing;

import dev.headroom.engine.GeneratorVertx;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A shop on loopback that only a real journey gets through: {@code POST /login} answers a fresh
 * token, {@code GET /cart} needs that exact token and answers a fresh cart id, and {@code GET
 * /checkout/<cart id>} needs the token the cart was made for. Anything else, or a wrong token,
 * is 401 or 404, counted in {@link #refused()}. The login's token is also in its {@code X-Session}
 * header. {@code GET /broken} answers 503, {@code GET
 * /slow} never answers, and {@code POST /login?quiet} answers without a token. {@code GET
 * /hello/<user>} counts each user it greets ({@link #greeted()}).
 */
public final class ShopTarget implements BeforeAllCallback, AfterAllCallback {

  private static final Duration T = Duration.ofSeconds(10);

  private final Map<String, Boolean> tokens = new ConcurrentHashMap<>();
  private final Map<String, String> carts = new ConcurrentHashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong checkouts = new AtomicLong();
  private final Map<String, AtomicLong> greeted = new ConcurrentHashMap<>();
  private Vertx vertx;
  private HttpServer server;
  private volatile long cartFrozenUntilNanos;

  @Override
  public void beforeAll(ExtensionContext context) {
    vertx = GeneratorVertx.create(2);
    server = Await.result(vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1"), T);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Await.result(vertx.close(), T);
  }

  public Vertx vertx() {
    return vertx;
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Requests refused for a missing or wrong token or cart. */
  public long refused() {
    return refused.get();
  }

  public long checkouts() {
    return checkouts.get();
  }

  /** How many times each user was greeted, by name. */
  public Map<String, Long> greeted() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    greeted.forEach((user, n) -> counts.put(user, n.get()));
    return counts;
  }

  public void forgetGreeted() {
    greeted.clear();
  }

  /** From now on for {@code d}, every {@code /cart} answer waits until the freeze ends. */
  public void freezeCart(Duration d) {
    cartFrozenUntilNanos = System.nanoTime() + d.toNanos();
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (path.equals("/login")) {
      if (req.query() != null && req.query().contains("quiet")) {
        req.response().putHeader("Content-Type", "application/json").end("{\"welcome\": true}");
        return;
      }
      String token = UUID.randomUUID().toString();
      tokens.put(token, true);
      req.response().putHeader("Content-Type", "application/json").putHeader("X-Session", token)
          .end("{\"user\": {\"name\": \"ann\"}, \"token\": \"" + token + "\", \"padding\": \"" + "x".repeat(200) + "\"}");
    } else if (path.startsWith("/hello/")) {
      greeted.computeIfAbsent(path.substring("/hello/".length()), u -> new AtomicLong()).incrementAndGet();
      req.response().end("hello");
    } else if (path.equals("/broken")) {
      req.response().setStatusCode(503).end();
    } else if (path.equals("/slow")) {
      // Never answers: the step times out.
    } else if (path.equals("/cart")) {
      String token = token(req);
      if (token == null) {
        refuse(req, 401);
        return;
      }
      String cart = UUID.randomUUID().toString();
      carts.put(cart, token);
      long frozenFor = cartFrozenUntilNanos - System.nanoTime();
      Runnable answer = () -> req.response().putHeader("Content-Type", "application/json")
          .end("{\"cartId\": \"" + cart + "\", \"items\": []}");
      if (frozenFor > 1_000_000) {
        vertx.setTimer(frozenFor / 1_000_000, t -> answer.run());
      } else {
        answer.run();
      }
    } else if (path.startsWith("/checkout/")) {
      String token = token(req);
      String cart = path.substring("/checkout/".length());
      if (token == null || !token.equals(carts.remove(cart))) {
        refuse(req, 404);
        return;
      }
      checkouts.incrementAndGet();
      req.response().end("ok");
    } else {
      refuse(req, 404);
    }
  }

  /** The request's bearer token when the shop issued it, else null. */
  private String token(HttpServerRequest req) {
    String auth = req.getHeader("Authorization");
    String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
    return token != null && tokens.containsKey(token) ? token : null;
  }

  private void refuse(HttpServerRequest req, int status) {
    refused.incrementAndGet();
    req.response().setStatusCode(status).end();
  }
}
