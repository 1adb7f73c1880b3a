package dev.headroom.journey;

import dev.headroom.plan.Capture;
import dev.headroom.plan.DataTable;
import dev.headroom.plan.Scenario;
import dev.headroom.plan.Step;
import dev.headroom.plan.StepRequest;
import dev.headroom.plan.Template;
import java.util.ArrayList;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled {@link Scenario}: its steps with templates bound to session slots, captures
 * compiled and think times turned into draws. Built once per plan; a journey in progress is a
 * {@link Session} and a step index.
 *
 * @param slots how many variables a session of this journey holds
 */
public record Journey(String name, int weight, List<JourneyStep> steps, int slots, List<DataBinding> data) {

  /**
   * A data set the journey's templates read: each journey takes one row of it, whose {@code
   * columns} go into session {@code slots}.
   *
   * @param set the data set's index in the plan
   */
  public record DataBinding(int set, int[] columns, int[] slots) {}

  /** The index of the first request step, whose results count a journey that could not start. */
  public int firstRequestIndex() {
    for (JourneyStep step : steps) {
      if (step instanceof RequestStep r) {
        return r.requestIndex();
      }
    }
    throw new IllegalStateException("journey " + name + " has no request step");
  }

  /** One step: a request to send, or a pause. */
  public sealed interface JourneyStep permits RequestStep, ThinkStep {}

  /**
   * A request step. {@code requestIndex} numbers it among all request steps of the plan, the
   * index its results are kept under; header values are templates, header names are not.
   */
  public record RequestStep(
      int requestIndex,
      String name,
      String method,
      CompiledTemplate path,
      List<Map.Entry<String, CompiledTemplate>> headers,
      CompiledTemplate body,
      int[] expectedStatus,
      List<CompiledCapture> captures) implements JourneyStep {

    /** Whether a capture reads the answer's body, which the connection must then keep. */
    public boolean needsBody() {
      for (CompiledCapture c : captures) {
        if (c.needsBody()) {
          return true;
        }
      }
      return false;
    }

    /** True when every part of the request is fixed: it can be encoded once, as a plain request. */
    public boolean isLiteral() {
      return path.literal() != null && body.literal() != null
          && headers.stream().allMatch(h -> h.getValue().literal() != null);
    }
  }

  public record ThinkStep(ThinkTime think) implements JourneyStep {}

  /**
   * Compiles a scenario that PlanValidator accepted; its request steps take the request indexes
   * from {@code firstRequestIndex} on, in order.
   */
  public static Journey compile(Scenario scenario, int firstRequestIndex) {
    return compile(scenario, firstRequestIndex, List.of());
  }

  /**
   * As {@link #compile(Scenario, int)}, binding {@code ${set.column}} to the columns of {@code
   * data} (the plan's data sets, in order).
   *
   * @throws IllegalArgumentException for a set or column that is not there
   */
  public static Journey compile(Scenario scenario, int firstRequestIndex, List<DataTable> data) {
    Map<String, Integer> slots = new LinkedHashMap<>();
    for (Step step : scenario.steps()) {
      if (step.request() != null && step.request().capture() != null) {
        for (Capture c : step.request().capture()) {
          slots.putIfAbsent(c.var(), slots.size());
        }
      }
    }
    List<DataBinding> bindings = bind(scenario, data, slots);
    List<JourneyStep> steps = new ArrayList<>();
    int requestIndex = firstRequestIndex;
    for (Step step : scenario.steps()) {
      if (step.think() != null) {
        steps.add(new ThinkStep(ThinkTime.of(step.think())));
        continue;
      }
      StepRequest r = step.request();
      List<Map.Entry<String, CompiledTemplate>> headers = new ArrayList<>();
      if (r.headers() != null) {
        r.headers().forEach((k, v) -> headers.add(new SimpleImmutableEntry<>(k, CompiledTemplate.of(v, slots))));
      }
      List<CompiledCapture> captures = new ArrayList<>();
      if (r.capture() != null) {
        for (Capture c : r.capture()) {
          captures.add(new CompiledCapture(slots.get(c.var()), c));
        }
      }
      int[] expected = r.expectStatus() == null ? new int[0] : r.expectStatus().stream().mapToInt(Integer::intValue).toArray();
      steps.add(new RequestStep(requestIndex++, r.name(), r.method() == null ? "GET" : r.method(),
          CompiledTemplate.of(r.path() == null ? "/" : r.path(), slots), List.copyOf(headers),
          CompiledTemplate.of(r.body(), slots), expected, List.copyOf(captures)));
    }
    return new Journey(scenario.name(), scenario.weight() == null ? 1 : scenario.weight(), List.copyOf(steps), slots.size(),
        bindings);
  }

  /** Gives each {@code ${set.column}} the templates hold a slot, grouped by set. */
  private static List<DataBinding> bind(Scenario scenario, List<DataTable> data, Map<String, Integer> slots) {
    Map<Integer, Map<Integer, Integer>> slotByColumnBySet = new LinkedHashMap<>();
    for (Step step : scenario.steps()) {
      StepRequest r = step.request();
      if (r == null) {
        continue;
      }
      List<String> texts = new ArrayList<>();
      texts.add(r.path());
      texts.add(r.body());
      if (r.headers() != null) {
        texts.addAll(r.headers().values());
      }
      for (String text : texts) {
        for (String name : text == null ? List.<String>of() : Template.parse(text).variables()) {
          int dot = name.indexOf('.');
          if (dot < 0 || slots.containsKey(name)) {
            continue;
          }
          int set = setIndex(data, name.substring(0, dot));
          int column = data.get(set).column(name.substring(dot + 1));
          if (column < 0) {
            throw new IllegalArgumentException("data set '" + data.get(set).name() + "' has no column '"
                + name.substring(dot + 1) + "'");
          }
          slots.put(name, slots.size());
          slotByColumnBySet.computeIfAbsent(set, k -> new LinkedHashMap<>()).put(column, slots.get(name));
        }
      }
    }
    List<DataBinding> bindings = new ArrayList<>();
    slotByColumnBySet.forEach((set, byColumn) -> bindings.add(new DataBinding(set,
        byColumn.keySet().stream().mapToInt(Integer::intValue).toArray(),
        byColumn.values().stream().mapToInt(Integer::intValue).toArray())));
    return List.copyOf(bindings);
  }

  private static int setIndex(List<DataTable> data, String name) {
    for (int i = 0; i < data.size(); i++) {
      if (data.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no data set '" + name + "'");
  }
}
