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
 * What recording one request costs a lane: the interval bucket's bookkeeping (latency histogram,
 * counters) for a response, alone and with the send-lag record every request also makes; and what
 * trace context adds: the decision for every request (at 1%), and keeping a traced response among
 * its interval's slowest. It lives in the engine's package because {@link IntervalBucket} and
 * {@link TraceSampler} are package-private there on purpose.
 *
 * <p>Latencies cycle through a table of realistic values (a log-normal spread around 1 ms, with a
 * tail) so the histogram touches many buckets, as it does in a run, rather than one hot counter.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IntervalBucketBenchmark {

  private static final int VALUES = 4096;

  private final long[] latencyNanos = new long[VALUES];
  private final long[] lagNanos = new long[VALUES];
  private final TraceContext[] contexts = new TraceContext[VALUES];
  private TraceSampler onePercent;
  private IntervalBucket bucket;
  private int next;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < VALUES; i++) {
      latencyNanos[i] = (long) (1_000_000 * Math.exp(random.nextGaussian() * 1.2));
      lagNanos[i] = (long) (20_000 * Math.exp(random.nextGaussian()));
      contexts[i] = TraceContext.random(random);
    }
    onePercent = new TraceSampler(0.01);
    bucket = new IntervalBucket(1);
  }

  /** The response path: {@code IntervalBucket.response}, as {@code Lane.onResponse} calls it. */
  @Benchmark
  public void response() {
    int i = next++ & (VALUES - 1);
    bucket.response(0, latencyNanos[i], true, 200, 100);
  }

  /** All a request records: its send lag when created, then its response. */
  @Benchmark
  public void sendLagAndResponse() {
    int i = next++ & (VALUES - 1);
    bucket.outstanding++;
    bucket.sendLag(lagNanos[i]);
    bucket.response(0, latencyNanos[i], true, 200, 100);
  }

  /** Every request with tracing on at 1%: the decision, and a context for the one in a hundred. */
  @Benchmark
  public TraceContext decideTracingAtOnePercent() {
    return onePercent.next();
  }

  /** A traced response: offered to its interval's three slowest. */
  @Benchmark
  public void keepTracedAmongTheSlowest() {
    int i = next++ & (VALUES - 1);
    bucket.traced(contexts[i], 0, latencyNanos[i], 200);
  }
}
