package dev.headroom.operator.schedule;

import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.api.v1alpha1.LoadTestScheduleSpec;
import dev.headroom.plan.Problem;
import dev.headroom.schedule.RunNames;
import dev.headroom.validation.LoadTestValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with a schedule: the validator's problems (the same as the CLI's), plus what the
 * operator needs and the validator may not say yet: a name short enough for its runs' names, and a
 * template that leaves {@code regression} to the schedule. Each is added only when the validator
 * reported nothing at its path, so nothing is said twice.
 */
public final class ScheduleCheck {

  static final String NAME_PATH = "metadata.name";
  static final String TEMPLATE_REGRESSION_PATH = "spec.template.spec.regression";

  private ScheduleCheck() {}

  public static List<Problem> problems(LoadTestSchedule schedule) {
    List<Problem> problems = new ArrayList<>(LoadTestValidator.validate(schedule));
    String name = schedule.getMetadata().getName();
    if (name.length() > RunNames.MAX_SCHEDULE_NAME) {
      addUnlessReported(problems, new Problem(NAME_PATH, "at most " + RunNames.MAX_SCHEDULE_NAME
          + " characters (its runs are named <schedule>-<minutes since 1970>), got " + name.length()));
    }
    LoadTestScheduleSpec spec = schedule.getSpec();
    if (spec != null && spec.template() != null && spec.template().spec() != null
        && spec.template().spec().regression() != null) {
      addUnlessReported(problems, new Problem(TEMPLATE_REGRESSION_PATH,
          "not allowed in a template: set regression on the schedule (spec.regression), which pins Previous to"
              + " its last passing run"));
    }
    return problems;
  }

  private static void addUnlessReported(List<Problem> problems, Problem problem) {
    if (problems.stream().noneMatch(p -> p.path().equals(problem.path()))) {
      problems.add(problem);
    }
  }
}
