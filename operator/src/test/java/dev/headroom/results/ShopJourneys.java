package dev.headroom.results;

import dev.headroom.report.HistogramCodec;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.JourneyInterval;
import dev.headroom.report.RequestInterval;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Ten seconds of one worker running the scenario {@code shop} at its planned 40 journeys a second:
 * two steps (login, cart) answered in 5ms each, so 80 requests a second, every journey completed
 * in 300ms.
 */
final class ShopJourneys {

  private ShopJourneys() {}

  static RunResults tenSeconds() {
    RunResults results = new RunResults(List.of(new PlannedStage(10_000_000_000L, 40.0)), List.of("login", "cart"),
        List.of("shop"));
    Histogram durations = HistogramCodec.newHistogram();
    durations.recordValueWithCount(300_000, 40);
    for (long seq = 0; seq < 10; seq++) {
      RequestInterval step = Reports.mixed(40, Map.of(), 5_000, 0, 0);
      long start = SyntheticRun.START_MS + seq * 1000;
      results.add(0, new IntervalReport(seq, 0, start, start + 1000, Map.of("login", step, "cart", step), null,
          List.of(), Map.of("shop", new JourneyInterval(40, 40, Map.of(), HistogramCodec.encode(durations)))));
    }
    return results;
  }
}
