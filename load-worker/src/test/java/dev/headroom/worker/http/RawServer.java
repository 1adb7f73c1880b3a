package dev.headroom.worker.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP server on 127.0.0.1 that records each HTTP/1.1 request's exact bytes and answers every
 * one with the same canned bytes, well-formed or not, optionally closing the connection after.
 */
final class RawServer implements AutoCloseable {

  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)\r\n");

  final AtomicInteger connections = new AtomicInteger();
  private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
  private final NetServer server;

  RawServer(Vertx vertx, String reply) {
    this(vertx, reply, false);
  }

  /** With {@code close}, the server closes each connection after its first reply. */
  RawServer(Vertx vertx, String reply, boolean close) {
    server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
    server.connectHandler(socket -> {
      connections.incrementAndGet();
      Buffer[] pending = {Buffer.buffer()};
      socket.handler(data -> {
        pending[0].appendBuffer(data);
        int length = requestLength(pending[0].toString(StandardCharsets.ISO_8859_1));
        if (length > 0) {
          requests.add(pending[0].getString(0, length, "ISO-8859-1"));
          pending[0] = pending[0].getBuffer(length, pending[0].length());
          socket.write(reply);
          if (close) {
            socket.close();
          }
        }
      });
    });
    Lane.await(server.listen().toCompletionStage().toCompletableFuture());
  }

  /** The bytes the first complete request in {@code s} takes, or 0 if it is incomplete. */
  private static int requestLength(String s) {
    int headEnd = s.indexOf("\r\n\r\n");
    if (headEnd < 0) {
      return 0;
    }
    Matcher m = CONTENT_LENGTH.matcher(s.substring(0, headEnd + 2));
    int body = m.find() ? Integer.parseInt(m.group(1)) : 0;
    int total = headEnd + 4 + body;
    return s.length() >= total ? total : 0;
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  String nextRequest() {
    try {
      String r = requests.poll(Lane.AWAIT_SECONDS, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no complete request reached the server");
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
