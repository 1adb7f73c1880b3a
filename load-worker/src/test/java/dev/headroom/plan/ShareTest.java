package dev.headroom.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShareTest {

  @Test
  void workerSharesOfAnySequenceAddUpExactly() {
    for (int workers = 1; workers <= 7; workers++) {
      for (long total : new long[] {0, 1, 5, 999, 1000, 12345}) {
        long sum = 0;
        for (int w = 0; w < workers; w++) {
          Share s = Share.ofWorker(w, workers);
          for (long k = s.firstAtOrAfter(0); k < total; k += s.stride()) {
            sum++;
          }
        }
        assertEquals(total, sum, workers + " workers, " + total + " requests");
      }
    }
  }

  @Test
  void remainderGoesToLowIndexes() {
    assertEquals(4, Share.ofWorker(0, 3).users(10));
    assertEquals(3, Share.ofWorker(1, 3).users(10));
    assertEquals(3, Share.ofWorker(2, 3).users(10));
    assertEquals(0, Share.ofWorker(2, 3).users(2));
  }

  @Test
  void lanesSliceTheirWorkersShareWithoutOverlap() {
    Share worker = Share.ofWorker(1, 3);
    Share a = worker.lane(0, 2);
    Share b = worker.lane(1, 2);
    for (long k = 0; k < 600; k++) {
      boolean inWorker = worker.owns(k);
      assertEquals(inWorker, a.owns(k) || b.owns(k), "k=" + k);
      assertTrue(!(a.owns(k) && b.owns(k)), "k=" + k);
    }
    for (int users = 0; users < 40; users++) {
      assertEquals(worker.users(users), a.users(users) + b.users(users), users + " users");
    }
  }
}
