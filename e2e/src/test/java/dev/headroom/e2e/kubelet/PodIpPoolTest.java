package dev.headroom.e2e.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodIpPoolTest {

  @Test
  void handsOutDistinctAddressesSkippingNetworkFirstHostAndBroadcast() {
    PodIpPool pool = PodIpPool.of("127.0.1.0/30");
    assertEquals(Optional.of("127.0.1.2"), pool.allocate("a", null));
    assertEquals(Optional.empty(), pool.allocate("b", null), "a /30 has one usable pod address");
    assertEquals(Optional.of("127.0.1.2"), pool.allocate("a", null), "same pod, same address");
    pool.release("a");
    assertEquals(Optional.of("127.0.1.2"), pool.allocate("b", null));
  }

  @Test
  void keepsAPodsPreviousAddressWhenFree() {
    PodIpPool pool = PodIpPool.of("127.0.2.0/24");
    assertEquals(Optional.of("127.0.2.77"), pool.allocate("a", "127.0.2.77"));
    assertEquals(Optional.of("127.0.2.2"), pool.allocate("b", "127.0.2.77"), "taken: the lowest free one instead");
    assertEquals(Optional.of("127.0.2.3"), pool.allocate("c", "10.0.0.5"), "out of range: ignored");
  }

  @Test
  void rejectsRangesOutsideLoopbackWithTheOptionName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PodIpPool.of("10.0.0.0/24"));
    assertTrue(e.getMessage().contains("--pod-cidr"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PodIpPool.of("127.0.1.0"));
    assertThrows(IllegalArgumentException.class, () -> PodIpPool.of("127.0.1.0/8"));
    assertThrows(IllegalArgumentException.class, () -> PodIpPool.of("127.0.300.0/24"));
  }
}
