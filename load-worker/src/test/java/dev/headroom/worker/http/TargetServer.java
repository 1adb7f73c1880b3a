package dev.headroom.worker.http;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Vert.x HTTP server on 127.0.0.1 (HTTP/1.1, h2c with prior knowledge, or TLS with ALPN)
 * whose paths produce the responses the transports must handle. It counts connections and
 * records every request in the order they arrive.
 */
final class TargetServer implements AutoCloseable {

  /** A request as the server parsed it; the body is read only for {@code /echo}. */
  record Received(String method, String path, MultiMap headers, String body) {}

  static final String BIG_BODY = "b".repeat(16 * 1024);

  final AtomicInteger connections = new AtomicInteger();
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  /** Requests whose stream or connection the client gave up on before a response. */
  final BlockingQueue<String> abandoned = new LinkedBlockingQueue<>();
  private final HttpServer server;
  private final boolean tls;

  TargetServer(Vertx vertx, SelfSignedCertificate certificate) {
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setHttp2ClearTextEnabled(true);
    if (certificate != null) {
      options.setSsl(true).setUseAlpn(true).setKeyCertOptions(certificate.keyCertOptions());
    }
    this.tls = certificate != null;
    this.server = vertx.createHttpServer(options)
        .connectionHandler(c -> connections.incrementAndGet())
        .requestHandler(this::handle);
    Lane.await(server.listen().toCompletionStage().toCompletableFuture());
  }

  String url() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    var response = request.response();
    if (!path.equals("/echo")) {
      received.add(new Received(request.method().name(), request.uri(), request.headers(), ""));
    }
    switch (path) {
      case "/ok" -> response.end("hello");
      case "/big" -> response.end(BIG_BODY);
      case "/chunked" -> {
        response.setChunked(true);
        response.write("abc");
        response.write("defg");
        response.end();
      }
      case "/close" -> response.putHeader("Connection", "close").end("bye");
      case "/echo" -> request.body().onSuccess(body -> {
        received.add(new Received(request.method().name(), request.uri(), request.headers(), body.toString()));
        response.end("echoed");
      });
      case "/half" -> {
        response.putHeader("Content-Length", "100");
        response.write("partial").onComplete(v -> request.connection().close());
      }
      case "/never" -> response.closeHandler(v -> abandoned.add(request.uri())); // the client has to give up
      default -> {
        if (path.startsWith("/status/")) {
          int status = Integer.parseInt(path.substring("/status/".length()));
          response.setStatusCode(status);
          if (status == 204 || status == 304) {
            response.end();
          } else {
            response.end("status " + status);
          }
        } else {
          response.setStatusCode(404).end();
        }
      }
    }
  }

  String nextAbandoned() {
    try {
      String r = abandoned.poll(Lane.AWAIT_SECONDS, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("the client never gave up on a request");
      }
      return r;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  Received nextReceived() {
    try {
      Received r = received.poll(Lane.AWAIT_SECONDS, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no request reached the server");
      }
      return r;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    Lane.await(server.close().toCompletionStage().toCompletableFuture());
  }
}
