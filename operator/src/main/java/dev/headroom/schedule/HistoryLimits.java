package dev.headroom.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which finished runs a schedule deletes: beyond {@code successfulRunsHistoryLimit} successful and
 * {@code failedRunsHistoryLimit} failed ones, the oldest by scheduled time. Running children are
 * never deleted here, and neither are the runs named in {@code keep} (baselines).
 */
public final class HistoryLimits {

  private HistoryLimits() {}

  /** The names to delete: successful ones then failed ones, each newest first. */
  public static List<String> excess(List<ScheduledChild> children, int successful, int failed, Set<String> keep) {
    List<String> delete = new ArrayList<>(beyond(children, ScheduledChild::successful, successful, keep));
    delete.addAll(beyond(children, ScheduledChild::failed, failed, keep));
    return delete;
  }

  private static List<String> beyond(List<ScheduledChild> children, Predicate<ScheduledChild> kind, int limit,
      Set<String> keep) {
    List<ScheduledChild> newestFirst = children.stream().filter(kind).sorted(ScheduledChild.NEWEST_FIRST).toList();
    List<String> delete = new ArrayList<>();
    for (int i = limit; i < newestFirst.size(); i++) {
      if (!keep.contains(newestFirst.get(i).name())) {
        delete.add(newestFirst.get(i).name());
      }
    }
    return delete;
  }
}
