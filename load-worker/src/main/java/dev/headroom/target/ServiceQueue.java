package dev.headroom.target;

import java.util.Arrays;

/**
 * A FIFO queue in front of {@code concurrency} servers that each take exactly {@code serviceNanos}
 * per request and stop during freezes: given a request's arrival time, it says when its response
 * is due. Unbounded: under overload requests wait longer, none is refused.
 *
 * <p>The servers are simulated on the {@code nanoTime} clock rather than held by real timers, so a
 * late timer delays one response but never the next one: throughput is exactly
 * {@code concurrency / serviceTime} whenever requests are waiting, whatever the timer resolution.
 * Thread-safe; every event loop of the target admits requests here.
 */
public final class ServiceQueue {

  private final long serviceNanos;
  private final FreezeSchedule freezes;
  /** When each server is next free, oldest first: with a fixed service time FIFO order keeps them sorted. */
  private final long[] freeAt;
  private int next;
  private long lastStart = Long.MIN_VALUE;

  public ServiceQueue(int concurrency, long serviceNanos, FreezeSchedule freezes) {
    if (concurrency < 1 || serviceNanos < 1) {
      throw new IllegalArgumentException("concurrency and service time must be positive");
    }
    this.serviceNanos = serviceNanos;
    this.freezes = freezes;
    this.freeAt = new long[concurrency];
    Arrays.fill(freeAt, Long.MIN_VALUE);
  }

  /**
   * Queues a request arriving at {@code arrivalNanos} and returns the {@code nanoTime} at which its
   * response is due. A request reported as arriving before one already admitted (event loops
   * racing to this lock) starts no earlier than that one, which keeps the queue FIFO.
   */
  public synchronized long admit(long arrivalNanos) {
    long start = Math.max(Math.max(arrivalNanos, lastStart), freeAt[next]);
    lastStart = start;
    long due = freezes.finishWork(start, serviceNanos);
    freeAt[next] = due;
    next = (next + 1) % freeAt.length;
    return due;
  }
}
