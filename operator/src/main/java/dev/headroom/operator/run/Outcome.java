package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.LoadTestStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * What a step decided: the status the LoadTest should have, when to look again, and, for a run
 * that failed or was refused, the reason (for its Event).
 *
 * @param requeue null to wait for the next event
 * @param reason null to use the phase as the Event's reason
 */
public record Outcome(LoadTestStatus status, Duration requeue, String reason) {

  public static Outcome of(LoadTestStatus status, Duration requeue) {
    return new Outcome(status, requeue, null);
  }

  public Optional<Duration> requeueAfter() {
    return Optional.ofNullable(requeue);
  }
}
