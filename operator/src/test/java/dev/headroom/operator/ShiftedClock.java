package dev.headroom.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The real time, moved ahead on demand: deadlines and TTLs pass without waiting for them. */
public final class ShiftedClock extends Clock {

  private volatile Duration shift = Duration.ZERO;

  public void advance(Duration by) {
    shift = shift.plus(by);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(shift);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
