package dev.headroom.worker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.headroom.plan.HttpVersion;
import dev.headroom.report.ErrorKind;
import dev.headroom.worker.http.RecordingListener.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HTTP/2 on Vert.x's client: the contract, plus multiplexing. */
class Http2TransportTest extends TransportContractTest {

  @Override
  HttpVersion version() {
    return HttpVersion.HTTP_2;
  }

  @Test
  void slotsMultiplexOneConnection() {
    try (TargetServer server = new TargetServer(vertx, null)) {
      Connection first = open(server.url(), get(0, "/ok"));
      List<Connection> slots = new ArrayList<>(List.of(first));
      for (int id = 1; id < 10; id++) {
        int slot = id;
        slots.add(lane.call(() -> transport.open(slot, listener)));
      }
      lane.run(() -> slots.forEach(s -> s.send(0)));
      boolean[] seen = new boolean[slots.size()];
      for (int i = 0; i < slots.size(); i++) {
        Outcome o = listener.next();
        assertResponse(200, o);
        seen[o.connection()] = true;
      }
      for (boolean s : seen) {
        assertEquals(true, s, "every slot got its response");
      }
      assertEquals(1, server.connections.get());
    }
  }

  @Test
  void garbageFromTheServerIsAnError() {
    try (RawServer server = new RawServer(vertx, "garbage\r\n\r\n")) {
      Connection c = open(server.url(), get(0, "/"));
      ErrorKind kind = send(c, 0).error();
      assertNotNull(kind);
      assertEquals(ErrorKind.OTHER, kind);
    }
  }
}
