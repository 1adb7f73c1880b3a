package dev.headroom.engine;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.util.concurrent.TimeUnit;

/**
 * The Vert.x instance a generator runs on, configured on purpose rather than by defaults: native
 * epoll when the platform has it (cheaper syscalls and sub-millisecond timers, which the send
 * schedule relies on), and a fixed number of event loops (one per lane).
 */
public final class GeneratorVertx {

  private GeneratorVertx() {}

  public static Vertx create(int eventLoops) {
    VertxOptions options =
        new VertxOptions()
            .setEventLoopPoolSize(Math.max(1, eventLoops))
            .setWorkerPoolSize(2)
            // The engine measures its own stalls from 10 ms up; Vert.x's checker only names the
            // blocking code in the log, so it may stay coarse.
            .setBlockedThreadCheckInterval(1)
            .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS)
            .setMaxEventLoopExecuteTime(500)
            .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
    Transport transport = Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
    return Vertx.builder().with(options).withTransport(transport).build();
  }

  /** Whether {@link #create} gets native epoll here (for reports and benchmarks). */
  public static boolean nativeTransport() {
    return Transport.EPOLL.available();
  }
}
