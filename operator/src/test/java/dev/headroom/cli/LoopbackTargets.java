package dev.headroom.cli;

import dev.headroom.target.DemoTarget;
import dev.headroom.target.DemoTargetOptions;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Demo targets on free loopback ports whose capacity is known exactly (concurrency / service
 * time), for the length of one test.
 */
final class LoopbackTargets implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final List<DemoTarget> targets = new ArrayList<>();

  /** A new target; returns its URL. */
  String start(int concurrency, Duration serviceTime) {
    DemoTarget t = DemoTarget.start(vertx, DemoTargetOptions.defaults().withPort(0)
        .withConcurrency(concurrency).withServiceTime(serviceTime)).await();
    targets.add(t);
    return t.url();
  }

  @Override
  public void close() {
    targets.forEach(t -> t.close().await());
    vertx.close().await();
  }
}
