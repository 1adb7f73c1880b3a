package dev.headroom.session;

import dev.headroom.api.v1alpha1.LoadTestStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The conditions of a LoadTest's (and a LoadTestSchedule's) status, set the Kubernetes way: one per type, and {@code
 * lastTransitionTime} moves only when the condition's status does, so tools can tell how long a
 * condition has held.
 */
public final class Conditions {

  public static final String VALID = "Valid";
  public static final String WORKERS_READY = "WorkersReady";
  public static final String THRESHOLDS_MET = "ThresholdsMet";
  public static final String GENERATOR_SATURATED = "GeneratorSaturated";
  public static final String SPEC_CHANGED = "SpecChanged";
  /** A run (or a schedule's newest finished run) regressed against its baseline. */
  public static final String REGRESSED = "Regressed";

  private Conditions() {}

  public static Condition of(String type, boolean status, String reason, String message, String now, Long generation) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(now)
        .withObservedGeneration(generation)
        .build();
  }

  /** Sets {@code condition}, keeping the old transition time when its status is unchanged. */
  public static void put(LoadTestStatus status, Condition condition) {
    status.setConditions(put(status.getConditions(), condition));
  }

  /**
   * {@code conditions} (null: none) with {@code condition} set, keeping the old transition time
   * when its status is unchanged: for any status that holds a list of conditions.
   */
  public static List<Condition> put(List<Condition> conditions, Condition condition) {
    List<Condition> list = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
    for (int i = 0; i < list.size(); i++) {
      Condition old = list.get(i);
      if (old.getType().equals(condition.getType())) {
        list.set(i, old.getStatus().equals(condition.getStatus())
            ? new ConditionBuilder(condition).withLastTransitionTime(old.getLastTransitionTime()).build()
            : condition);
        return list;
      }
    }
    list.add(condition);
    return list;
  }

  /** The condition of {@code type} in {@code conditions} (null: none). */
  public static Optional<Condition> get(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Sets {@code condition} as a new transition, whatever was there: a new run starts afresh. */
  public static void replace(LoadTestStatus status, Condition condition) {
    remove(status, condition.getType());
    put(status, condition);
  }

  public static Optional<Condition> get(LoadTestStatus status, String type) {
    return get(status.getConditions(), type);
  }

  /** Keeps only the conditions of the given types. */
  public static void retain(LoadTestStatus status, Set<String> types) {
    if (status.getConditions() != null) {
      List<Condition> kept = status.getConditions().stream().filter(c -> types.contains(c.getType())).toList();
      status.setConditions(kept.isEmpty() ? null : new ArrayList<>(kept));
    }
  }

  private static void remove(LoadTestStatus status, String type) {
    if (status.getConditions() != null) {
      List<Condition> kept = status.getConditions().stream().filter(c -> !type.equals(c.getType())).toList();
      status.setConditions(new ArrayList<>(kept));
    }
  }
}
