package dev.headroom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.collect.AnsweringWorker;
import dev.headroom.operator.LoadTests;
import dev.headroom.report.IntervalBatch;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The transport note follows what the workers say, as it changes. */
class RunSessionTest {

  /** A worker with nothing to report but, when set, why it runs on NIO. */
  private static final class Worker extends AnsweringWorker {
    String transportProblem;

    Worker(int index) {
      super(index);
    }

    @Override
    public Future<IntervalBatch> intervals(long after, long ack) {
      return Future.succeededFuture(
          new IntervalBatch(index(), 2, "running", List.of()).withTransportProblem(transportProblem));
    }
  }

  @Test
  void theTransportNoteFollowsTheWorkersProblemsAsTheyChange() {
    Worker first = new Worker(0);
    Worker second = new Worker(1);
    RunSession session = new RunSession(LoadTests.named("note", """
        target: {url: "http://127.0.0.1:1"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 1s, rate: 20}]}
        workers: {replicas: 2}
        """).getSpec(), List.of(first, second), List.of(), () -> {});

    session.advance(Instant.now());
    assertEquals(Optional.empty(), session.transportNote(), "both native");

    first.transportProblem = "UnsatisfiedLinkError: no epoll";
    second.transportProblem = "UnsatisfiedLinkError: no epoll";
    session.advance(Instant.now());
    assertEquals(Optional.of("workers 0, 1 on NIO, not native epoll (UnsatisfiedLinkError: no epoll)"),
        session.transportNote());

    second.transportProblem = "native transport not requested";
    session.advance(Instant.now());
    assertEquals(Optional.of("worker 0 on NIO, not native epoll (UnsatisfiedLinkError: no epoll);"
        + " worker 1 on NIO, not native epoll (native transport not requested)"), session.transportNote());

    first.transportProblem = null;
    second.transportProblem = null;
    session.advance(Instant.now());
    assertEquals(Optional.empty(), session.transportNote(), "back on native: no note left over");
  }
}
