package dev.headroom.engine;

/**
 * Requests waiting for a free connection, oldest first, in preallocated arrays: the bound is the
 * open model's promise that a stalled target costs errors of kind {@code overload}, never memory.
 */
final class PendingQueue {

  private final long[] intended;
  private final int[] request;
  private int head;
  private int size;

  PendingQueue(int capacity) {
    intended = new long[capacity];
    request = new int[capacity];
  }

  boolean offer(long intendedTime, int requestIndex) {
    if (size == intended.length) {
      return false;
    }
    int tail = (head + size) % intended.length;
    intended[tail] = intendedTime;
    request[tail] = requestIndex;
    size++;
    return true;
  }

  boolean isEmpty() {
    return size == 0;
  }

  long peekIntended() {
    return intended[head];
  }

  int peekRequest() {
    return request[head];
  }

  void poll() {
    head = (head + 1) % intended.length;
    size--;
  }

  int size() {
    return size;
  }
}
