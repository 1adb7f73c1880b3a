package dev.headroom.schedule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as a schedule's status and annotations write them: RFC 3339, whole seconds, UTC. */
public final class Times {

  private Times() {}

  public static String text(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Null for null, so optional status fields read as they were written. */
  public static Instant parse(String text) {
    return text == null ? null : Instant.parse(text);
  }

  public static Instant latest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }
}
