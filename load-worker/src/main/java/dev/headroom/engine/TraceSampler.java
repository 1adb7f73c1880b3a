package dev.headroom.engine;

import dev.headroom.worker.http.TraceContext;
import java.util.SplittableRandom;

/**
 * Picks the requests of one lane that carry trace context. Each lane seeds its own generator, so
 * lanes and workers never share ids and never contend.
 */
final class TraceSampler {

  private final double share;
  private final SplittableRandom random = new SplittableRandom();

  TraceSampler(double share) {
    this.share = share;
  }

  /** A fresh context for a sampled request, or null. */
  TraceContext next() {
    return random.nextDouble() < share ? TraceContext.random(random) : null;
  }
}
