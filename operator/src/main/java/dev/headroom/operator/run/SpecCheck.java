package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.operator.policy.Policy;
import dev.headroom.plan.DataColumns;
import dev.headroom.plan.Problem;
import dev.headroom.validation.LoadTestValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a LoadTest may run: the same validator as the CLI, what the operator itself
 * cannot do, then the admin's policy. A refused LoadTest creates nothing.
 */
public final class SpecCheck {

  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String POLICY_VIOLATION = "PolicyViolation";
  public static final String BASELINE_NOT_FOUND = "BaselineNotFound";

  /**
   * Why a LoadTest may not run.
   *
   * @param reason {@link #INVALID_SPEC} or {@link #POLICY_VIOLATION}
   * @param problems each at its path
   */
  public record Rejection(String reason, List<Problem> problems) {

    /** "spec.a: x; spec.b: y", as status messages and Events carry it. */
    public String detail() {
      return String.join("; ", problems.stream().map(Problem::toString).toList());
    }

    public String message() {
      String what = switch (reason) {
        case POLICY_VIOLATION -> "policy violation: ";
        case BASELINE_NOT_FOUND -> "no baseline: ";
        default -> "invalid spec: ";
      };
      return what + detail();
    }
  }

  /** A regression baseline the cluster does not have: checked by the operator only, at run start. */
  public static Rejection baselineMissing(Problem problem) {
    return new Rejection(BASELINE_NOT_FOUND, List.of(problem));
  }

  private final Policy policy;

  public SpecCheck(Policy policy) {
    this.policy = policy;
  }

  public Optional<Rejection> check(LoadTest lt) {
    return check(lt, DataColumns.UNKNOWN);
  }

  /** As {@link #check(LoadTest)}, reading the data sets' header rows with {@code columns}. */
  public Optional<Rejection> check(LoadTest lt, DataColumns columns) {
    List<Problem> invalid = new ArrayList<>(LoadTestValidator.validate(lt.getSpec(), columns));
    String name = lt.getMetadata().getName();
    if (name.length() > WorkerResources.MAX_NAME_LENGTH) {
      invalid.add(new Problem("metadata.name", "at most " + WorkerResources.MAX_NAME_LENGTH
          + " characters (it names the run's Job and pods), got " + name.length()));
    }
    if (!invalid.isEmpty()) {
      return Optional.of(new Rejection(INVALID_SPEC, invalid));
    }
    List<Problem> violations = policy.check(lt.getSpec());
    return violations.isEmpty() ? Optional.empty() : Optional.of(new Rejection(POLICY_VIOLATION, violations));
  }
}
