package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Where the full results live: a ConfigMap in a cluster; inline in the saved status of {@code
 * headroom run --json}, where there is no ConfigMap, so a later run can use it as a baseline.
 *
 * @param configMap the ConfigMap holding the merged HdrHistogram interval log, for tools
 * @param report where the operator serves the run's HTML report
 * @param intervalLog the same log inline; only {@code headroom run} writes it
 * @param series requests and errors over time inline; only {@code headroom run} writes it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultsRef(
    @JsonPropertyDescription("The ConfigMap holding the merged HdrHistogram interval log.") String configMap,
    @JsonPropertyDescription("Where the operator serves this run's HTML report.") String report,
    @JsonPropertyDescription("The merged HdrHistogram interval log inline: only headroom run --json writes it.")
    String intervalLog,
    @JsonPropertyDescription("Requests and errors over time inline: only headroom run --json writes it.")
    List<SeriesPoint> series) {

  /** @param report the report's address, or null when the operator does not know its own */
  public static ResultsRef inConfigMap(String name, String report) {
    return new ResultsRef(name, report, null, null);
  }

  public static ResultsRef inline(String intervalLog, List<SeriesPoint> series) {
    return new ResultsRef(null, null, intervalLog, series);
  }
}
