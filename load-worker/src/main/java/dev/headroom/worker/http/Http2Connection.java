package dev.headroom.worker.http;

import dev.headroom.report.ErrorKind;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http2.Http2Exception;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLException;

/**
 * One HTTP/2 concurrency slot: at most one stream in flight, on the TCP connection its
 * {@link Http2Session} shares with other slots. Every step of a request checks the slot's
 * generation, which moves on when the request ends or is aborted, so callbacks of an abandoned
 * stream never reach the listener.
 */
final class Http2Connection implements Connection {

  private final int id;
  private final Http2Session session;
  private final Http2Transport transport;
  private final ConnectionListener listener;
  private final SendGuard guard;
  private final BiConsumer<String, String> countHeader = (name, value) -> addBytes(name.length() + value.length() + 4);

  private int generation;
  private boolean busy;
  private boolean closed;
  private HttpClientRequest stream;
  private long bytes;

  Http2Connection(int id, Http2Session session, Http2Transport transport, ConnectionListener listener) {
    this.id = id;
    this.session = session;
    this.transport = transport;
    this.listener = listener;
    this.guard = new SendGuard(transport.context(), this, listener);
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public Future<Void> connect() {
    if (closed) {
      return Future.failedFuture("connection " + id + " is closed");
    }
    return session.connection().mapEmpty();
  }

  @Override
  public void send(int requestIndex, TraceContext trace) {
    if (busy) {
      throw new IllegalStateException("connection " + id + " already has a request in flight");
    }
    guard.enter();
    try {
      if (closed) {
        guard.error(ErrorKind.CONNECT);
        return;
      }
      busy = true;
      bytes = 0;
      int g = ++generation;
      session.connection().onComplete(ar -> connected(g, requestIndex, trace, ar));
    } finally {
      guard.exit();
    }
  }

  private void connected(int g, int requestIndex, TraceContext trace, AsyncResult<HttpClientConnection> ar) {
    if (g != generation) {
      return;
    }
    if (ar.failed()) {
      // A peer that accepts TCP but does not speak HTTP/2 is a malformed response, not a connect error.
      fail(g, ar.cause() instanceof Http2Exception ? ErrorKind.OTHER : ErrorKind.CONNECT);
      return;
    }
    ar.result().request(transport.request(requestIndex, trace)).onComplete(created -> {
      if (created.failed()) {
        fail(g, kindOf(created.cause()));
      } else if (g != generation) {
        created.result().reset(); // aborted while the stream was being created
      } else {
        stream = created.result();
        Buffer body = transport.body(requestIndex);
        Future<HttpClientResponse> response = body == null ? stream.send() : stream.send(body);
        response.onComplete(r -> {
          if (r.failed()) {
            fail(g, kindOf(r.cause()));
          } else {
            receive(g, r.result());
          }
        });
      }
    });
  }

  private void receive(int g, HttpClientResponse response) {
    if (g != generation) {
      return;
    }
    int status = response.statusCode();
    addBytes(9); // ":status" and its value: the pseudo-header is not among the headers
    response.headers().forEach(countHeader);
    response.handler(data -> {
      if (g == generation) {
        addBytes(data.length());
      }
    });
    response.exceptionHandler(e -> fail(g, kindOf(e)));
    response.endHandler(v -> {
      if (g == generation) {
        end();
        listener.onResponse(this, status, bytes);
      }
    });
  }

  private void addBytes(int n) {
    bytes += n;
  }

  private void fail(int g, ErrorKind kind) {
    if (g == generation) {
      end();
      guard.error(kind);
    }
  }

  private void end() {
    generation++;
    busy = false;
    stream = null;
  }

  @Override
  public void abort() {
    if (!busy) {
      return;
    }
    HttpClientRequest s = stream;
    end();
    if (s != null) {
      s.reset();
    }
  }

  @Override
  public void close() {
    closed = true;
    abort();
  }

  /** Connect failures are CONNECT; a stream or connection that went away is RESET. */
  static ErrorKind kindOf(Throwable failure) {
    if (failure instanceof ConnectException || failure instanceof ConnectTimeoutException || failure instanceof SSLException) {
      return ErrorKind.CONNECT;
    }
    if (failure instanceof StreamResetException || failure instanceof HttpClosedException || failure instanceof IOException) {
      return ErrorKind.RESET;
    }
    return ErrorKind.OTHER;
  }
}
