package dev.headroom.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@link PlanValidator}'s rules for {@code scenarios}: names, weights, steps, captures, think
 * times, and every {@code ${variable}} resolved against what the journey knows at that step (the
 * built-ins and what earlier steps captured), so that a typo is refused before a run, at its field.
 */
final class ScenarioValidator {

  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final PlanValidator plan;
  private final Problems problems;
  /** Step request names across all scenarios: they key per-request results, so they are unique. */
  private final Map<String, FieldPath> requestNames = new HashMap<>();

  /** The data sets templates may name, with their columns when known. */
  private final Map<String, Optional<List<String>>> data;

  ScenarioValidator(PlanValidator plan, Problems problems, Map<String, Optional<List<String>>> data) {
    this.plan = plan;
    this.problems = problems;
    this.data = data;
  }

  void scenarios(List<Scenario> scenarios, FieldPath at) {
    if (scenarios.isEmpty()) {
      problems.add(at, "must list at least one scenario");
      return;
    }
    if (scenarios.size() > PlanValidator.MAX_SCENARIOS) {
      problems.add(at, "lists " + scenarios.size() + " scenarios; at most " + PlanValidator.MAX_SCENARIOS
          + " (each has its own results in the status)");
      return;
    }
    Map<String, Integer> firstByName = new HashMap<>();
    long totalWeight = 0;
    boolean allWeightsKnown = true;
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario s = scenarios.get(i);
      FieldPath si = at.index(i);
      if (!problems.required(si, s)) {
        allWeightsKnown = false;
        continue;
      }
      if (problems.required(si.field("name"), s.name()) && plan.validName(s.name(), si.field("name"), "scenario")) {
        Integer first = firstByName.putIfAbsent(s.name(), i);
        if (first != null) {
          problems.add(si.field("name"), "'" + s.name() + "' is already the name of " + at.index(first));
        }
      }
      int weight = s.weight() == null ? 1 : s.weight();
      if (weight < 0) {
        problems.add(si.field("weight"), "must be >= 0");
        allWeightsKnown = false;
      } else {
        totalWeight += weight;
      }
      steps(s.steps(), si.field("steps"));
    }
    if (allWeightsKnown && totalWeight == 0) {
      problems.add(at, "total weight must be > 0 (give at least one scenario a weight above 0)");
    } else if (totalWeight > PlanValidator.MAX_TOTAL_WEIGHT) {
      problems.add(at, "total weight must be at most " + PlanValidator.MAX_TOTAL_WEIGHT
          + " (weights are relative: 90 and 10 mix like 9 and 1)");
    }
    if (requestNames.size() > PlanValidator.MAX_REQUESTS) {
      problems.add(at, "hold " + requestNames.size() + " requests in all; at most " + PlanValidator.MAX_REQUESTS
          + " (each has its own results in the status)");
    }
  }

  private void steps(List<Step> steps, FieldPath at) {
    if (steps == null || steps.isEmpty()) {
      problems.add(at, "must list at least one step");
      return;
    }
    if (steps.size() > PlanValidator.MAX_STEPS) {
      problems.add(at, "lists " + steps.size() + " steps; at most " + PlanValidator.MAX_STEPS);
      return;
    }
    // Where each variable is first captured, to tell a use before its capture from a typo.
    Map<String, FieldPath> capturedAt = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      List<Capture> captures = step == null || step.request() == null ? null : step.request().capture();
      for (int c = 0; captures != null && c < captures.size(); c++) {
        if (captures.get(c) != null && captures.get(c).var() != null) {
          capturedAt.putIfAbsent(captures.get(c).var(),
              at.index(i).field("request").field("capture").index(c).field("var"));
        }
      }
    }
    Set<String> known = new LinkedHashSet<>();
    boolean anyRequest = false;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      FieldPath st = at.index(i);
      if (!problems.required(st, step)) {
        continue;
      }
      if (step.request() != null && step.think() != null) {
        problems.add(st, "is either a request or a think, not both: make them two steps");
      } else if (step.request() != null) {
        anyRequest = true;
        request(step.request(), st.field("request"), known, capturedAt);
      } else if (step.think() != null) {
        think(step.think(), st.field("think"));
      } else {
        problems.add(st, "required: a request or a think");
      }
    }
    if (!anyRequest) {
      problems.add(at, "must hold at least one request step");
    }
  }

  private void request(StepRequest r, FieldPath at, Set<String> known, Map<String, FieldPath> capturedAt) {
    if (problems.required(at.field("name"), r.name()) && plan.validName(r.name(), at.field("name"), "request")) {
      FieldPath first = requestNames.putIfAbsent(r.name(), at);
      if (first != null) {
        problems.add(at.field("name"), "'" + r.name() + "' is already the name of " + first
            + " (step requests key their results by name, so names are unique across scenarios)");
      }
    }
    plan.request(r.asRequest(), at);
    template(r.path(), at.field("path"), known, capturedAt);
    if (r.headers() != null) {
      r.headers().forEach((name, value) -> template(value, at.field("headers").field(name), known, capturedAt));
    }
    template(r.body(), at.field("body"), known, capturedAt);
    List<Capture> captures = r.capture();
    if (captures != null && captures.size() > PlanValidator.MAX_CAPTURES) {
      problems.add(at.field("capture"), "lists " + captures.size() + " captures; at most " + PlanValidator.MAX_CAPTURES);
      return;
    }
    // A step's captures serve later steps only: they are added once its own templates are checked.
    for (int c = 0; captures != null && c < captures.size(); c++) {
      FieldPath ci = at.field("capture").index(c);
      if (problems.required(ci, captures.get(c))) {
        capture(captures.get(c), ci, known);
      }
    }
  }

  private void template(String text, FieldPath at, Set<String> known, Map<String, FieldPath> capturedAt) {
    if (text == null) {
      return;
    }
    Template template;
    try {
      template = Template.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(at, e.getMessage());
      return;
    }
    for (String name : template.variables()) {
      if (known.contains(name)) {
        continue;
      }
      FieldPath later = capturedAt.get(name);
      if (name.contains(".")) {
        dataColumn(name, at);
      } else if (later != null) {
        problems.add(at, "variable '" + name + "' is captured only later, by " + later
            + "; a step can use only what earlier steps captured");
      } else {
        List<String> names = new ArrayList<>(known);
        names.addAll(Template.BUILT_IN_FORMS);
        problems.add(at, "unknown variable '" + name + "' (known: " + String.join(", ", names) + ")");
      }
    }
  }

  /** {@code ${set.column}}: a declared data set, and one of its columns when they are known. */
  private void dataColumn(String name, FieldPath at) {
    int dot = name.indexOf('.');
    String set = name.substring(0, dot);
    String column = name.substring(dot + 1);
    Optional<List<String>> columns = data.get(set);
    if (columns == null) {
      problems.add(at, "unknown data set '" + set + "' in '${" + name + "}' ("
          + (data.isEmpty() ? "spec.data declares none" : "spec.data declares: " + String.join(", ", data.keySet()))
          + ")");
    } else if (columns.isPresent() && !columns.get().contains(column)) {
      problems.add(at, "data set '" + set + "' has no column '" + column + "' (its columns: "
          + String.join(", ", columns.get()) + ")");
    }
  }

  private void capture(Capture c, FieldPath at, Set<String> known) {
    if (problems.required(at.field("var"), c.var())) {
      if (!VARIABLE.matcher(c.var()).matches()) {
        problems.add(at.field("var"), "'" + c.var() + "' is not a variable name (letters, digits and _, not starting"
            + " with a digit)");
      } else if (Template.BUILT_INS.contains(c.var())) {
        problems.add(at.field("var"), "'" + c.var() + "' is a built-in placeholder; choose another name");
      } else {
        known.add(c.var());
      }
    }
    int sources = (c.json() == null ? 0 : 1) + (c.header() == null ? 0 : 1) + (c.regex() == null ? 0 : 1);
    if (sources == 0) {
      problems.add(at, "needs a source: one of json (a JSON path such as $.token), header or regex");
      return;
    }
    if (sources > 1) {
      problems.add(at, "takes its value from one source: set only one of json, header or regex");
      return;
    }
    if (c.json() != null) {
      try {
        CaptureSource.json(c.json());
      } catch (IllegalArgumentException e) {
        problems.add(at.field("json"), e.getMessage());
      }
    } else if (c.header() != null && !PlanValidator.isHeaderName(c.header())) {
      problems.add(at.field("header"), PlanValidator.headerNameProblem(c.header()));
    } else if (c.regex() != null) {
      try {
        Pattern.compile(c.regex());
      } catch (PatternSyntaxException e) {
        problems.add(at.field("regex"), "'" + c.regex() + "' is not a regular expression: " + e.getDescription());
      }
    }
    // A captured value can land in a header, where a line break would end it early.
    if (c.defaultValue() != null && PlanValidator.hasControlCharacters(c.defaultValue())) {
      problems.add(at.field("default"), "must not contain line breaks or other control characters");
    }
  }

  private void think(Think t, FieldPath at) {
    if (t.duration() != null) {
      String why = "with duration (a fixed pause); for a varying one set min and max, or mean";
      problems.absent(at.field("min"), t.min(), why);
      problems.absent(at.field("max"), t.max(), why);
      problems.absent(at.field("mean"), t.mean(), why);
      problems.absent(at.field("distribution"), t.distribution(), why);
      problems.duration(at.field("duration"), t.duration());
      return;
    }
    if (t.min() == null && t.max() == null && t.mean() == null) {
      problems.add(at, "required: duration (a fixed pause), min and max (uniform) or mean (distribution: Exponential)");
      return;
    }
    Duration min = problems.duration(at.field("min"), t.min());
    Duration max = problems.duration(at.field("max"), t.max());
    if (t.distribution() == Think.Distribution.Exponential) {
      if (problems.required(at.field("mean"), t.mean())) {
        Duration mean = problems.duration(at.field("mean"), t.mean());
        if (mean != null && mean.isZero()) {
          problems.add(at.field("mean"), "must be > 0");
        } else if (mean != null && min != null && mean.compareTo(min) < 0) {
          problems.add(at.field("mean"), "must be >= min (" + t.min() + ")");
        } else if (mean != null && max != null && mean.compareTo(max) > 0) {
          problems.add(at.field("mean"), "must be <= max (" + t.max() + ")");
        }
      }
    } else {
      problems.absent(at.field("mean"), t.mean(), "with a uniform pause; set distribution: Exponential to use it");
      if (t.min() == null) {
        problems.add(at.field("min"), "required for a uniform pause (with max)");
      }
      if (t.max() == null) {
        problems.add(at.field("max"), "required for a uniform pause (with min)");
      }
      if (min != null && max != null && max.compareTo(min) < 0) {
        problems.add(at.field("max"), "must be >= min (" + t.min() + ")");
      }
    }
  }
}
