package dev.headroom.operator.run;

import java.time.Duration;

/**
 * The operator's pace.
 *
 * @param startLead how far ahead workers are told to start, so every one hears of it in time
 * @param pollEvery how often a run in progress is looked at (and its intervals pulled)
 * @param progressEvery how often live progress (ready workers while starting, then rates and
 *     latencies) is written to status, at most
 * @param readyTimeout how long workers may take to become ready
 */
public record RunTiming(Duration startLead, Duration pollEvery, Duration progressEvery, Duration readyTimeout) {

  public static RunTiming standard(Duration readyTimeout) {
    return new RunTiming(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5), readyTimeout);
  }
}
