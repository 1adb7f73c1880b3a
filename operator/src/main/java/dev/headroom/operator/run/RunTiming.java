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
 * @param checkpointEvery how often a running run's results are written to its checkpoint, at most;
 *     the workers keep what was merged since the last one
 */
public record RunTiming(Duration startLead, Duration pollEvery, Duration progressEvery, Duration readyTimeout,
    Duration checkpointEvery) {

  public static RunTiming standard(Duration readyTimeout, Duration checkpointEvery) {
    return new RunTiming(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5), readyTimeout,
        checkpointEvery);
  }
}
