package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How a long run changed between its first and last window: the degradation a soak run exists to
 * find.
 *
 * @param window the length of each window: an hour, or a tenth of a shorter run
 * @param p99Change the last window's p99 relative to the first's, such as {@code "+35%"}
 * @param errorRateChange the difference of the error rates in percentage points, such as {@code
 *     "+0.4pp"}
 * @param drift true when p99 or the error rate got worse both significantly and by enough to
 *     matter; improvements are never drift
 * @param method the tests run and their two-sided p-values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrendResult(
    @JsonPropertyDescription("Length of each window compared: 1h, or a tenth of a shorter run.") String window,
    @JsonPropertyDescription("The first window of the measured run.") TrendWindow first,
    @JsonPropertyDescription("The last window of the measured run.") TrendWindow last,
    @JsonPropertyDescription("Last window's p99 relative to the first's, such as \"+35%\".") String p99Change,
    @JsonPropertyDescription("Last window's error rate minus the first's, in percentage points, such as \"+0.4pp\".")
    String errorRateChange,
    @JsonPropertyDescription(
        "Whether p99 or the error rate got worse, both significantly (p < 0.01) and by enough to matter"
            + " (p99 +10%; error rate +0.1pp and doubled). Improvements are not drift.")
    Boolean drift,
    @JsonPropertyDescription("The tests run and their two-sided p-values.") String method) {}
