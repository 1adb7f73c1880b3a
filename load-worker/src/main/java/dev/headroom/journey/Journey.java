package dev.headroom.journey;

import dev.headroom.plan.Capture;
import dev.headroom.plan.Scenario;
import dev.headroom.plan.Step;
import dev.headroom.plan.StepRequest;
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
public record Journey(String name, int weight, List<JourneyStep> steps, int slots) {

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
    Map<String, Integer> slots = new LinkedHashMap<>();
    for (Step step : scenario.steps()) {
      if (step.request() != null && step.request().capture() != null) {
        for (Capture c : step.request().capture()) {
          slots.putIfAbsent(c.var(), slots.size());
        }
      }
    }
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
    return new Journey(scenario.name(), scenario.weight() == null ? 1 : scenario.weight(), List.copyOf(steps), slots.size());
  }
}
