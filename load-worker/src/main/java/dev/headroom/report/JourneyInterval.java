package dev.headroom.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One scenario's journeys that arrived in one interval: counted there when they end, however long
 * after, so an interval is served only once its journeys have all ended. Each step's own results
 * are in {@link IntervalReport#requests()} under the step's name.
 *
 * @param started journeys that arrived (open model) or that users began (closed model)
 * @param completed journeys whose every step was answered as expected
 * @param failed journeys that ended early, by the kind of the step that ended them (an {@link
 *     ErrorKind} key, {@code capture}, or {@code status_NNN}); started = completed + failed
 * @param histogram durations of completed journeys, arrival to last answer (think times included),
 *     microseconds, {@link HistogramCodec}
 */
public record JourneyInterval(
    long started,
    long completed,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> failed,
    String histogram) {

  public JourneyInterval {
    failed = failed == null ? Map.of() : Map.copyOf(failed);
  }

  public long failures() {
    return failed.values().stream().mapToLong(Long::longValue).sum();
  }
}
