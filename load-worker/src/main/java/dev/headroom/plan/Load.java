package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The load shape: totals across all workers. {@code warmup} runs first and is not measured. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.model) && self.model == 'Closed' || !has(self.stages)"
        + " || self.stages.all(s, has(s.rate) && !has(s.users) && !has(s.thinkTime))",
    message = "with the Open model every stage needs rate and takes no users or thinkTime",
    fieldPath = ".stages")
@ValidationRule(
    value = "!has(self.model) || self.model == 'Open' || !has(self.stages)"
        + " || self.stages.all(s, has(s.users) && !has(s.rate) && !has(s.rampTo))",
    message = "with the Closed model every stage needs users and takes no rate or rampTo",
    fieldPath = ".stages")
public record Load(
    @JsonPropertyDescription(
        "Open (default): requests arrive at a rate whatever the target does. Closed: a number of users"
            + " each wait for a response (and think) before sending again.")
    LoadModel model,
    @Pattern(ApiPatterns.DURATION)
    @JsonPropertyDescription("Run this long first, at the first stage's load, without measuring; a duration such as 10s.")
    String warmup,
    @Size(min = 1, max = PlanValidator.MAX_STAGES)
    @JsonPropertyDescription("The load over time, totals across all workers; required unless spec.capacity is set.")
    List<Stage> stages) {}
