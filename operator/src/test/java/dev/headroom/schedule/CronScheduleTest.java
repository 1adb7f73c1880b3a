package dev.headroom.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  private static Optional<Instant> at(String instant) {
    return Optional.of(Instant.parse(instant));
  }

  @Test
  void aDailyTimeTheFallBackRepeatsFiresAtItsFirstPassOnly() {
    CronSchedule berlin = CronSchedule.of("30 2 * * *", "Europe/Berlin");
    // 2026-10-25: 02:30 CEST is 00:30Z, 02:30 CET (the repeat) is 01:30Z.
    assertEquals(at("2026-10-25T00:30:00Z"), berlin.next(Instant.parse("2026-10-24T12:00:00Z")));
    assertEquals(at("2026-10-26T01:30:00Z"), berlin.next(Instant.parse("2026-10-25T00:30:00Z")));
    assertEquals(at("2026-10-26T01:30:00Z"), berlin.next(Instant.parse("2026-10-25T01:00:00Z")),
        "asked from inside the repeated hour");
    assertEquals(at("2026-10-25T00:30:00Z"), berlin.latest(Instant.parse("2026-10-25T01:45:00Z")));
  }

  @Test
  void aScheduleWithinTheRepeatedHourFiresInBothPasses() {
    CronSchedule halfHourly = CronSchedule.of("*/30 * * * *", "Europe/Berlin");
    assertEquals(at("2026-10-25T01:00:00Z"), halfHourly.next(Instant.parse("2026-10-25T00:30:00Z")));
    assertEquals(at("2026-10-25T01:30:00Z"), halfHourly.latest(Instant.parse("2026-10-25T01:45:00Z")));
  }

  @Test
  void aTimeTheSpringForwardSkipsDoesNotFireThatDay() {
    CronSchedule berlin = CronSchedule.of("30 2 * * *", "Europe/Berlin");
    assertEquals(at("2026-03-30T00:30:00Z"), berlin.next(Instant.parse("2026-03-28T01:30:00Z")));
  }

  @Test
  void latestCountsAFiringAtExactlyNow() {
    CronSchedule tokyo = CronSchedule.of("0 2 * * *", "Asia/Tokyo");
    assertEquals(at("2026-12-04T17:00:00Z"), tokyo.latest(Instant.parse("2026-12-04T17:00:00Z")));
    assertEquals(at("2026-12-03T17:00:00Z"), tokyo.latest(Instant.parse("2026-12-04T16:59:59Z")));
  }
}
