package dev.headroom.engine;

import dev.headroom.worker.http.TraceContext;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What trace context costs a lane besides the wire: deciding for every request whether it is
 * traced (at 1%), and keeping a traced response among its interval's slowest. In the engine's
 * package because both classes are package-private there.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TraceSamplerBenchmark {

  private static final int VALUES = 4096;

  private final long[] latencyNanos = new long[VALUES];
  private final TraceContext[] contexts = new TraceContext[VALUES];
  private TraceSampler onePercent;
  private IntervalBucket bucket;
  private int next;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < VALUES; i++) {
      latencyNanos[i] = (long) (1_000_000 * Math.exp(random.nextGaussian() * 1.2));
      contexts[i] = TraceContext.random(random);
    }
    onePercent = new TraceSampler(0.01);
    bucket = new IntervalBucket(1);
  }

  /** Every request with tracing on at 1%: the decision, and a context for the one in a hundred. */
  @Benchmark
  public TraceContext decideAtOnePercent() {
    return onePercent.next();
  }

  /** A traced response: offered to its interval's three slowest. */
  @Benchmark
  public void keepAmongTheSlowest() {
    int i = next++ & (VALUES - 1);
    bucket.traced(contexts[i], 0, latencyNanos[i], 200);
  }
}
