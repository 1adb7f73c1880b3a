package dev.headroom.journey;

import dev.headroom.plan.Durations;
import dev.headroom.plan.Think;
import java.util.random.RandomGenerator;

/**
 * A compiled {@link Think}: the pause before a journey's next step, in nanoseconds. Uniform draws
 * evenly from {@code min} to {@code max}; Exponential draws with the given mean and is then held
 * within the optional bounds (so a rare long draw cannot stall a journey for minutes).
 */
public sealed interface ThinkTime {

  long nanos(RandomGenerator random);

  record Fixed(long nanos) implements ThinkTime {
    @Override
    public long nanos(RandomGenerator random) {
      return nanos;
    }
  }

  record Uniform(long min, long max) implements ThinkTime {
    @Override
    public long nanos(RandomGenerator random) {
      return min == max ? min : random.nextLong(min, max + 1);
    }
  }

  record Exponential(long mean, long min, long max) implements ThinkTime {
    @Override
    public long nanos(RandomGenerator random) {
      double draw = random.nextExponential() * mean;
      return Math.max(min, Math.min(max, (long) Math.min(draw, Long.MAX_VALUE)));
    }
  }

  /** Compiles a think time that PlanValidator accepted. */
  static ThinkTime of(Think think) {
    if (think.duration() != null) {
      return new Fixed(nanos(think.duration()));
    }
    long min = think.min() == null ? 0 : nanos(think.min());
    if (think.distribution() == Think.Distribution.Exponential) {
      long max = think.max() == null ? Long.MAX_VALUE : nanos(think.max());
      return new Exponential(nanos(think.mean()), min, max);
    }
    return new Uniform(min, nanos(think.max()));
  }

  private static long nanos(String duration) {
    return Durations.parse(duration).toNanos();
  }
}
