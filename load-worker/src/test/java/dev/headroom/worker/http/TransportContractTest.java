package dev.headroom.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.HttpVersion;
import dev.headroom.plan.RequestTemplate;
import dev.headroom.report.ErrorKind;
import dev.headroom.worker.http.RecordingListener.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.transport.Transport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every transport must do, against real Vert.x servers on loopback. Each outcome is also
 * checked to arrive on the lane's event-loop thread.
 */
abstract class TransportContractTest {

  static Vertx vertx;
  static SelfSignedCertificate certificate;
  Lane lane;
  RecordingListener listener;
  dev.headroom.worker.http.Transport transport;

  abstract HttpVersion version();

  /** Native epoll where the platform has it, as the generator runs; NIO elsewhere. */
  @BeforeAll
  static void startVertx() {
    vertx = Vertx.builder().withTransport(Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO).build();
    certificate = SelfSignedCertificate.create("localhost");
  }

  @AfterAll
  static void stopVertx() {
    certificate.delete();
    Lane.await(vertx.close().toCompletionStage().toCompletableFuture());
  }

  @AfterEach
  void closeTransport() {
    if (transport != null) {
      lane.run(transport::close);
    }
  }

  /** Opens connection 0 of a transport for {@code url} sending {@code requests}. */
  Connection open(String url, boolean insecure, RequestTemplate... requests) {
    lane = new Lane(vertx);
    listener = new RecordingListener();
    ExecutionPlan plan = Lane.plan(url, insecure, version(), requests);
    transport = lane.transport(plan);
    return lane.call(() -> transport.open(0, listener));
  }

  Connection open(String url, RequestTemplate... requests) {
    return open(url, false, requests);
  }

  Outcome send(Connection connection, int request) {
    lane.run(() -> connection.send(request));
    Outcome o = listener.next();
    assertSame(lane.thread, o.thread(), "callback on the connection's event loop");
    return o;
  }

  static RequestTemplate get(int index, String path) {
    return Lane.request(index, "GET", path, List.of(), "");
  }

  static void assertResponse(int status, Outcome o) {
    assertNull(o.error(), "error " + o.error());
    assertEquals(status, o.status());
    assertTrue(o.bytes() > 0, "bytes counted");
  }

  @Test
  void okResponse() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      Connection c = open(server.url(), get(0, "/ok"));
      Outcome o = send(c, 0);
      assertResponse(200, o);
      assertTrue(o.bytes() >= "hello".length() + 12, "headers and body counted: " + o.bytes());
    }
  }

  @Test
  void chunkedResponse() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      Connection c = open(server.url(), get(0, "/chunked"), get(1, "/ok"));
      assertResponse(200, send(c, 0));
      assertResponse(200, send(c, 1));
    }
  }

  @Test
  void responsesWithoutBodiesThenTheConnectionStillWorks() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      Connection c = open(server.url(),
          Lane.request(0, "HEAD", "/ok", List.of(), ""), get(1, "/status/204"), get(2, "/status/304"), get(3, "/ok"));
      assertResponse(200, send(c, 0));
      assertResponse(204, send(c, 1));
      assertResponse(304, send(c, 2));
      assertResponse(200, send(c, 3));
      assertEquals(1, server.connections.get(), "bodiless responses were framed right: one connection");
    }
  }

  @Test
  void unexpectedStatusIsReportedAsIs() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      Connection c = open(server.url(), get(0, "/status/503"), get(1, "/nothing-here"));
      assertResponse(503, send(c, 0));
      assertResponse(404, send(c, 1));
    }
  }

  @Test
  void postBodyAndHeadersArrive() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      RequestTemplate post = Lane.request(0, "POST", "/echo?x=1",
          List.of(Map.entry("X-Trace", "abc"), Map.entry("Content-Type", "application/json")), "{\"sku\":\"A-1\"}");
      Connection c = open(server.url(), post);
      assertResponse(200, send(c, 0));
      TargetServer.Received r = server.nextReceived();
      assertEquals("POST", r.method());
      assertEquals("/echo?x=1", r.path());
      assertEquals("abc", r.headers().get("x-trace"));
      assertEquals("application/json", r.headers().get("content-type"));
      assertEquals("{\"sku\":\"A-1\"}", r.body());
    }
  }

  @Test
  void refusedPortIsConnectError() {
    NetServer closed = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
        .connectHandler(socket -> socket.close());
    Lane.await(closed.listen().toCompletionStage().toCompletableFuture());
    int port = closed.actualPort();
    Lane.await(closed.close().toCompletionStage().toCompletableFuture());
    Connection c = open("http://127.0.0.1:" + port, get(0, "/ok"));
    assertEquals(ErrorKind.CONNECT, send(c, 0).error());
    assertEquals(ErrorKind.CONNECT, send(c, 0).error(), "a failed connection is retried on the next send");
  }

  @Test
  void aClosedSlotFailsSendsButNeverCallsBackFromInsideSend() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      Connection c = open(server.url(), get(0, "/ok"));
      assertResponse(200, send(c, 0));
      boolean calledBackInside = lane.call(() -> {
        c.close();
        c.send(0);
        return !listener.isEmpty();
      });
      assertEquals(false, calledBackInside);
      assertEquals(ErrorKind.CONNECT, listener.next().error());
    }
  }

  @Test
  void serverClosingMidResponseIsReset() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      Connection c = open(server.url(), get(0, "/half"), get(1, "/ok"));
      assertEquals(ErrorKind.RESET, send(c, 0).error());
      assertResponse(200, send(c, 1));
    }
  }

  @Test
  void abortSuppressesTheCallbackAndTheSlotWorksAgain() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      Connection c = open(server.url(), get(0, "/never"), get(1, "/ok"));
      lane.run(() -> c.send(0));
      assertEquals("/never", server.nextReceived().path());
      lane.run(c::abort);
      assertEquals("/never", server.nextAbandoned(), "the server saw the request given up");
      Outcome o = send(c, 1);
      assertResponse(200, o);
      lane.run(() -> { }); // let anything late from the aborted request reach the listener first
      assertTrue(listener.isEmpty(), "no callback for the aborted request");
    }
  }

  @Test
  void eagerConnectOpensOneConnectionThatSendsReuse() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      Connection c = open(server.url(), get(0, "/ok"));
      lane.await(c::connect);
      assertResponse(200, send(c, 0));
      assertResponse(200, send(c, 0));
      assertEquals(1, server.connections.get());
    }
  }

  @Test
  void tlsWithSelfSignedCertificateWhenVerificationIsSkipped() {
    try (TargetServer server = new TargetServer(vertx, certificate)) {
      Connection c = open(server.url(), true, get(0, "/ok"));
      assertResponse(200, send(c, 0));
      assertResponse(200, send(c, 0));
    }
  }

  @Test
  void tlsWithUntrustedCertificateIsConnectError() {
    try (TargetServer server = new TargetServer(vertx, certificate)) {
      Connection c = open(server.url(), false, get(0, "/ok"));
      assertEquals(ErrorKind.CONNECT, send(c, 0).error());
    }
  }
}
