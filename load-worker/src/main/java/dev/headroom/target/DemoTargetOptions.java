package dev.headroom.target;

import dev.headroom.plan.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * How the demo target behaves. Its capacity is exactly {@code concurrency / serviceTime} requests
 * per second: at most {@code concurrency} requests are in service at once, each for
 * {@code serviceTime}; the others wait in an unbounded FIFO queue (so overload shows as latency,
 * never as refusals). Optional freezes ({@code stall} every {@code every}) pause all service.
 *
 * <p>Invalid values throw {@link IllegalArgumentException} with a message naming the option as
 * {@code headroom target} spells it, since that is where users meet these settings.
 *
 * @param host interface to listen on: {@code 127.0.0.1} by default, {@code 0.0.0.0} in a pod
 * @param port TCP port; 0 picks a free one (see {@link DemoTarget#port()})
 * @param serviceTime time each request spends in service; any positive duration, sub-millisecond too
 * @param concurrency requests in service at once, 1 to {@value #MAX_CONCURRENCY}
 * @param stall length of each freeze; {@link Duration#ZERO} for none
 * @param every period of the freezes; {@link Duration#ZERO} when {@code stall} is zero
 * @param freezeEpochNanos {@code System.nanoTime()} at which a freeze starts; empty: when the target starts
 * @param eventLoops event loops serving connections (one server instance each)
 */
public record DemoTargetOptions(
    String host,
    int port,
    Duration serviceTime,
    int concurrency,
    Duration stall,
    Duration every,
    OptionalLong freezeEpochNanos,
    int eventLoops) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  /** With the default concurrency: 1000 rps, a rate a laptop can both reach and exceed. */
  public static final String DEFAULT_SERVICE_TIME_TEXT = "10ms";
  public static final Duration DEFAULT_SERVICE_TIME = Durations.parse(DEFAULT_SERVICE_TIME_TEXT);
  public static final int DEFAULT_CONCURRENCY = 10;
  public static final int MAX_CONCURRENCY = 1_000_000;

  public DemoTargetOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("--host must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
    }
    if (serviceTime == null || serviceTime.isNegative() || serviceTime.isZero()) {
      throw new IllegalArgumentException("--service-time must be positive, got " + spanOf(serviceTime));
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "--concurrency must be between 1 and " + MAX_CONCURRENCY + ", got " + concurrency);
    }
    stall = stall == null ? Duration.ZERO : stall;
    every = every == null ? Duration.ZERO : every;
    if (stall.isNegative() || every.isNegative()) {
      throw new IllegalArgumentException("--stall and --every must not be negative");
    }
    if (!stall.isZero() && every.isZero()) {
      throw new IllegalArgumentException("--stall needs --every (how often the target freezes)");
    }
    if (stall.isZero() && !every.isZero()) {
      throw new IllegalArgumentException("--every needs --stall (how long each freeze lasts)");
    }
    if (!stall.isZero() && stall.compareTo(every) >= 0) {
      throw new IllegalArgumentException(
          "--stall (" + spanOf(stall) + ") must be shorter than --every (" + spanOf(every) + ")");
    }
    freezeEpochNanos = freezeEpochNanos == null ? OptionalLong.empty() : freezeEpochNanos;
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops must be at least 1, got " + eventLoops);
    }
  }

  /** Loopback, port 8080, 10 concurrent requests of 10ms (1000 rps), no freezes, one event loop per core. */
  public static DemoTargetOptions defaults() {
    return new DemoTargetOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SERVICE_TIME, DEFAULT_CONCURRENCY,
        Duration.ZERO, Duration.ZERO, OptionalLong.empty(), Runtime.getRuntime().availableProcessors());
  }

  public DemoTargetOptions withHost(String host) {
    return new DemoTargetOptions(host, port, serviceTime, concurrency, stall, every, freezeEpochNanos, eventLoops);
  }

  public DemoTargetOptions withPort(int port) {
    return new DemoTargetOptions(host, port, serviceTime, concurrency, stall, every, freezeEpochNanos, eventLoops);
  }

  public DemoTargetOptions withServiceTime(Duration serviceTime) {
    return new DemoTargetOptions(host, port, serviceTime, concurrency, stall, every, freezeEpochNanos, eventLoops);
  }

  public DemoTargetOptions withConcurrency(int concurrency) {
    return new DemoTargetOptions(host, port, serviceTime, concurrency, stall, every, freezeEpochNanos, eventLoops);
  }

  /** Freezes of {@code stall} every {@code every}; both zero for none. */
  public DemoTargetOptions withFreezes(Duration stall, Duration every) {
    return new DemoTargetOptions(host, port, serviceTime, concurrency, stall, every, freezeEpochNanos, eventLoops);
  }

  /** Aligns the freezes: one starts at this {@code System.nanoTime()} value (so tests know when). */
  public DemoTargetOptions withFreezeEpochNanos(long nanoTime) {
    return new DemoTargetOptions(
        host, port, serviceTime, concurrency, stall, every, OptionalLong.of(nanoTime), eventLoops);
  }

  public DemoTargetOptions withEventLoops(int eventLoops) {
    return new DemoTargetOptions(host, port, serviceTime, concurrency, stall, every, freezeEpochNanos, eventLoops);
  }

  /** Requests per second the target sustains outside freezes: {@code concurrency / serviceTime}. */
  public double capacityRps() {
    return concurrency * 1e9 / serviceTime.toNanos();
  }

  /** Whether the target freezes at all. */
  public boolean freezes() {
    return !stall.isZero();
  }

  /** The freeze schedule for a target started at {@code startNanos} (used unless an epoch is set). */
  FreezeSchedule freezeSchedule(long startNanos) {
    if (!freezes()) {
      return FreezeSchedule.none();
    }
    return new FreezeSchedule(freezeEpochNanos.orElse(startNanos), stall.toNanos(), every.toNanos());
  }

  /**
   * One line for people: {@code capacity 1000 rps (concurrency 10, service time 10ms), freezes 500ms every 5s}.
   */
  public String describe() {
    String line = "capacity " + rateText(capacityRps()) + " rps (concurrency " + concurrency
        + ", service time " + spanOf(serviceTime) + ")";
    return freezes() ? line + ", freezes " + spanOf(stall) + " every " + spanOf(every) : line;
  }

  private static String rateText(double rps) {
    return BigDecimal.valueOf(rps).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  private static String spanOf(Duration d) {
    if (d == null) {
      return "nothing";
    }
    return d.isNegative() ? "-" + Durations.formatSpan(d.negated()) : Durations.formatSpan(d);
  }
}
