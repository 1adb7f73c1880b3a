package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * A journey: steps one user takes in order (log in, take the token, browse with it), picked from
 * the scenarios in proportion to its weight. Its name keys the journey results in status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scenario(
    @Required
    @Pattern(ApiPatterns.REQUEST_NAME)
    @Size(max = PlanValidator.MAX_NAME_LENGTH)
    @JsonPropertyDescription(
        "Unique among the scenarios; names the journey results in status and thresholds. Lower-case"
            + " letters, digits, '-', '_' and '.'.")
    String name,
    @Min(0)
    @JsonPropertyDescription("Relative share of the journeys (default 1): weights 3 and 1 start 75% and 25%.")
    Integer weight,
    @Required
    @Size(min = 1, max = PlanValidator.MAX_STEPS)
    @JsonPropertyDescription("The journey, in order: each step is a request or a think time.")
    List<Step> steps) {}
