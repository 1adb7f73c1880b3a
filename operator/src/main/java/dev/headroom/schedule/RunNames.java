package dev.headroom.schedule;

import java.time.Instant;

/**
 * The name of the LoadTest a schedule creates for a firing: {@code <schedule>-<minutes since the
 * epoch>}, as CronJob names its Jobs. The same firing always gets the same name, so an operator
 * that restarts (or a new leader) at the moment of firing creates the run once: the second create
 * finds the first.
 */
public final class RunNames {

  private RunNames() {}

  public static String of(String schedule, Instant scheduledTime) {
    return schedule + "-" + scheduledTime.getEpochSecond() / 60;
  }
}
