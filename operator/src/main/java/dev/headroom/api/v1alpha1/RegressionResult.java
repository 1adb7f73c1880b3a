package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * A run compared with its baseline.
 *
 * @param baseline the baseline LoadTest and run, such as {@code nightly-20261205-0200 run 1}
 * @param regressed true when any check regressed
 * @param checks one per compared metric
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegressionResult(
    @JsonPropertyDescription("The baseline LoadTest and run, such as: nightly-29925120 run 1.") String baseline,
    @JsonPropertyDescription("True when a metric got worse beyond its limit and significantly.") Boolean regressed,
    @JsonPropertyDescription("One line per metric compared.") List<RegressionCheck> checks) {}
