package dev.headroom.schedule;

import dev.headroom.api.v1alpha1.Regression;
import java.util.List;
import java.util.Optional;

/**
 * Pins a schedule's {@code baseline: Previous} to one of its runs: the newest that passed without
 * regressing. (Not {@code operator.run.Baselines}, which finds a baseline run's figures.)
 */
public final class PreviousPin {

  private PreviousPin() {}

  /** The newest child that Succeeded with verdict Pass and did not regress. */
  public static Optional<ScheduledChild> previous(List<ScheduledChild> children) {
    return children.stream().filter(ScheduledChild::passingBaseline).min(ScheduledChild.NEWEST_FIRST);
  }

  /**
   * The {@code regression} a new child gets: the schedule's, with {@code Previous} pinned to the
   * name of {@link #previous}, so the child compares with that run even after newer ones finish.
   * With no such run yet it stays {@code Previous}, and the child reports that it has no baseline.
   *
   * @return null when the schedule compares nothing
   */
  public static Regression pin(Regression regression, List<ScheduledChild> children) {
    if (regression == null || !Regression.PREVIOUS.equals(regression.baselineOrPrevious())) {
      return regression;
    }
    return regression.withBaseline(previous(children).map(ScheduledChild::name).orElse(Regression.PREVIOUS));
  }

  /** The run to keep whatever the history limits say: the one the next child will compare with. */
  public static Optional<ScheduledChild> protectedRun(Regression regression, List<ScheduledChild> children) {
    return regression != null && Regression.PREVIOUS.equals(regression.baselineOrPrevious())
        ? previous(children)
        : Optional.empty();
  }
}
