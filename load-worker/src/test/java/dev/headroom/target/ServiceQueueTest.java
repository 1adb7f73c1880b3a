package dev.headroom.target;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServiceQueueTest {

  @Test
  void servesConcurrencyRequestsPerServiceTimeWhenABacklogWaits() {
    ServiceQueue queue = new ServiceQueue(4, 250, FreezeSchedule.none());
    long last = 0;
    for (int i = 0; i < 1_000; i++) {
      last = queue.admit(0);
    }
    // 1000 requests at 4 per 250ns: the last is done after 250 rounds.
    assertEquals(250L * 250, last);
  }

  @Test
  void aRequestToAnIdleServerTakesJustTheServiceTime() {
    ServiceQueue queue = new ServiceQueue(2, 100, FreezeSchedule.none());
    assertEquals(100, queue.admit(0));
    assertEquals(150, queue.admit(50));
    assertEquals(200, queue.admit(60), "waits for the first server, free at 100");
    assertEquals(1_100, queue.admit(1_000), "both idle again");
  }

  @Test
  void requestsAreServedInArrivalOrderEvenWhenReportedOutOfOrder() {
    ServiceQueue queue = new ServiceQueue(1, 100, FreezeSchedule.none());
    assertEquals(1_100, queue.admit(1_000));
    assertEquals(1_200, queue.admit(990), "an arrival racing behind an admitted one queues behind it");
  }

  @Test
  void serviceStopsDuringAFreezeAndTheBacklogDrainsAfter() {
    // Freezes during [1000, 1300) (and every 10000 from there).
    ServiceQueue queue = new ServiceQueue(1, 100, new FreezeSchedule(1_000, 300, 10_000));
    assertEquals(1_350, queue.admit(950), "50 done before the freeze, 50 after it");
    assertEquals(1_450, queue.admit(1_100), "arrived during the freeze, behind the first");
    assertEquals(1_550, queue.admit(1_200));
  }
}
