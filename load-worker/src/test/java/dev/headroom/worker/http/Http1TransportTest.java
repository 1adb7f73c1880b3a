package dev.headroom.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.HttpVersion;
import dev.headroom.plan.RequestTemplate;
import dev.headroom.report.ErrorKind;
import dev.headroom.worker.http.RecordingListener.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The lean HTTP/1.1 transport: the contract, plus what only raw sockets can show. */
class Http1TransportTest extends TransportContractTest {

  private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

  @Override
  HttpVersion version() {
    return HttpVersion.HTTP_1_1;
  }

  @Test
  void requestBytesArriveExactlyAndResponseBytesAreCountedExactly() {
    try (RawServer server = new RawServer(vertx, OK)) {
      RequestTemplate post = Lane.request(0, "POST", "/orders",
          List.of(Map.entry("Accept", "application/json"), Map.entry("X-Trace", "t-1")), "{\"sku\":\"A-1\"}");
      Connection c = open(server.url(), post, get(1, "/products"));
      String host = server.url().substring("http://".length());
      Outcome o = send(c, 0);
      assertResponse(200, o);
      assertEquals(OK.length(), o.bytes());
      assertEquals("POST /orders HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\nX-Trace: t-1\r\n"
          + "Content-Length: 13\r\n\r\n{\"sku\":\"A-1\"}", server.nextRequest());
      assertResponse(200, send(c, 1));
      assertEquals("GET /products HTTP/1.1\r\nHost: " + host + "\r\n\r\n", server.nextRequest());
    }
  }

  @Test
  void keepAliveCarriesManyRequestsOnOneConnectionWithoutLeakingTheRequestBytes() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      Connection c = open(server.url(), get(0, "/ok"), get(1, "/chunked"));
      for (int i = 0; i < 50; i++) {
        assertResponse(200, send(c, i % 2));
      }
      assertEquals(1, server.connections.get());
      Http1Transport lean = (Http1Transport) transport;
      assertEquals(1, (int) lane.call(() -> lean.wireReferences(0)), "every written duplicate was released");
      assertEquals(1, (int) lane.call(() -> lean.wireReferences(1)));
    }
  }

  /**
   * With 16 KiB going each way per request, the lane thread must allocate far less than that per
   * request: the request bytes are not copied and the response is not copied into the heap. The
   * server gets a Vert.x of its own so that none of its work runs on the lane's thread.
   */
  @Test
  void sendingAllocatesNothingProportionalToTheRequestOrTheResponse() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "the JVM cannot count allocations per thread");
    int warmup = 1000;
    int measured = 1000;
    Vertx serverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try (TargetServer server = new TargetServer(serverVertx, null)) {
      open(server.url(), Lane.request(0, "POST", "/big", List.of(), "p".repeat(16 * 1024)));
      CompletableFuture<Long> perRequest = new CompletableFuture<>();
      ConnectionListener loop = new ConnectionListener() {
        int done;
        long before;

        @Override
        public void onResponse(Connection connection, int status, long bytes) {
          done++;
          if (done == warmup) {
            before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
          }
          if (done == warmup + measured) {
            perRequest.complete((threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / measured);
          } else if (status == 200 && bytes > TargetServer.BIG_BODY.length()) {
            connection.send(0);
          } else {
            perRequest.completeExceptionally(new AssertionError("unexpected response " + status + ", " + bytes));
          }
        }

        @Override
        public void onError(Connection connection, ErrorKind kind) {
          perRequest.completeExceptionally(new AssertionError(kind));
        }
      };
      Connection looping = lane.call(() -> transport.open(1, loop));
      lane.run(() -> looping.send(0));
      long allocated = Lane.await(perRequest);
      assertTrue(allocated < 1024, allocated + " bytes allocated per request");
    } finally {
      Lane.await(serverVertx.close().toCompletionStage().toCompletableFuture());
    }
  }

  @Test
  void serverConnectionCloseMeansTheNextRequestReconnects() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      Connection c = open(server.url(), get(0, "/close"), get(1, "/ok"));
      assertResponse(200, send(c, 0));
      assertResponse(200, send(c, 1));
      assertResponse(200, send(c, 1));
      assertEquals(2, server.connections.get());
    }
  }

  @Test
  void requestAskingToCloseClosesAfterItsResponse() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      Connection c = open(server.url(), Lane.request(0, "GET", "/ok", List.of(Map.entry("Connection", "close")), ""));
      assertResponse(200, send(c, 0));
      assertResponse(200, send(c, 0));
      assertEquals(2, server.connections.get());
    }
  }

  @Test
  void bodyReadUntilCloseIsAResponse() {
    try (RawServer server = new RawServer(vertx, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it", true)) {
      Connection c = open(server.url(), get(0, "/"));
      Outcome o = send(c, 0);
      assertResponse(200, o);
      assertEquals("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it".length(), o.bytes());
    }
  }

  /**
   * A server may answer before it has read the whole request (refusing a large upload). The rest
   * of the request is still due on that connection, so the next request must use a new one.
   */
  @Test
  void responseBeforeTheRequestIsFullyWrittenClosesTheConnectionAfterIt() {
    AtomicInteger connections = new AtomicInteger();
    NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
        .connectHandler(socket -> {
          connections.incrementAndGet();
          socket.handler(data -> {
            socket.pause(); // reads no more: the client's write of the body stalls
            socket.write("HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\n\r\n");
          });
        });
    Lane.await(server.listen().toCompletionStage().toCompletableFuture());
    try {
      String tooLarge = "u".repeat(32 * 1024 * 1024); // more than loopback's socket buffers hold
      Connection c = open("http://127.0.0.1:" + server.actualPort(), Lane.request(0, "POST", "/upload", List.of(), tooLarge));
      assertResponse(413, send(c, 0));
      assertResponse(413, send(c, 0));
      assertEquals(2, connections.get());
    } finally {
      Lane.await(server.close().toCompletionStage().toCompletableFuture());
    }
  }

  @Test
  void garbageResponseIsOtherAndTheNextRequestReconnects() {
    try (RawServer server = new RawServer(vertx, "garbage\r\n\r\n")) {
      Connection c = open(server.url(), get(0, "/"));
      assertEquals(ErrorKind.OTHER, send(c, 0).error());
      assertEquals(ErrorKind.OTHER, send(c, 0).error());
      assertEquals(2, server.connections.get());
    }
  }
}
