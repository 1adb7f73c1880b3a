package dev.headroom.worker.http;

import dev.headroom.plan.RequestTemplate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
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
 * A request's bytes for one write, as the lean HTTP/1.1 transport makes them: untraced, a
 * reference to the bytes encoded once; traced, a fresh context and a copy with its {@code
 * traceparent} written in. The difference is what a traced request costs on the send path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TracedWireBenchmark {

  private ByteBuf plain;
  private byte[] traced;
  private int traceAt;
  private final SplittableRandom random = new SplittableRandom(42);

  @Setup
  public void setUp() {
    RequestTemplate t = new RequestTemplate(0, "browse", "GET", "/products?page=2",
        List.of(Map.entry("Accept", "application/json"), Map.entry("User-Agent", "headroom")),
        new byte[0], new int[0]);
    byte[] bytes = Http1RequestEncoder.encode(t, "shop.example:8080");
    plain = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    traced = Http1RequestEncoder.encodeTraced(t, "shop.example:8080");
    traceAt = Http1RequestEncoder.traceValueAt(traced);
  }

  @Benchmark
  public int untraced() {
    ByteBuf b = plain.retainedDuplicate();
    int n = b.readableBytes();
    b.release();
    return n;
  }

  @Benchmark
  public int traced() {
    byte[] bytes = traced.clone();
    TraceContext.random(random).write(bytes, traceAt);
    ByteBuf b = Unpooled.wrappedBuffer(bytes);
    int n = b.readableBytes();
    b.release();
    return n;
  }
}
