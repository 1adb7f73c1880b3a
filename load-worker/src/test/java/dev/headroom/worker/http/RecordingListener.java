package dev.headroom.worker.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.headroom.report.ErrorKind;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Queues every callback with the thread it ran on. */
final class RecordingListener implements ConnectionListener {

  /** One callback: a response ({@code error == null}) or an error. */
  record Outcome(int connection, int status, long bytes, ErrorKind error, Thread thread) {}

  private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

  @Override
  public void onResponse(Connection connection, int status, long bytes) {
    outcomes.add(new Outcome(connection.id(), status, bytes, null, Thread.currentThread()));
  }

  @Override
  public void onError(Connection connection, ErrorKind kind) {
    outcomes.add(new Outcome(connection.id(), 0, 0, kind, Thread.currentThread()));
  }

  Outcome next() {
    try {
      Outcome o = outcomes.poll(Lane.AWAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(o, "no callback within " + Lane.AWAIT_SECONDS + "s");
      return o;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  boolean isEmpty() {
    return outcomes.isEmpty();
  }
}
