package dev.headroom.results;

import dev.headroom.api.v1alpha1.TrendWindow;
import dev.headroom.report.HistogramCodec;
import java.util.List;
import org.HdrHistogram.Histogram;

/** The samples of one end of a {@link Trend}, merged, with the per-sample p99s its test compares. */
final class SampleWindow {

  private final Measured total;
  private final double[] sampleP99s;

  SampleWindow(List<TrendSample> samples) {
    Histogram latency = HistogramCodec.newHistogram();
    long requests = 0;
    long errors = 0;
    for (TrendSample s : samples) {
      latency.add(s.latency());
      requests += s.requests();
      errors += s.errors();
    }
    long millis = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).endMs() - samples.get(0).startMs();
    this.total = new Measured(requests, errors, millis, latency);
    // A sample with no responses has no p99; leaving it out beats counting it as 0 µs.
    this.sampleP99s = samples.stream()
        .map(TrendSample::latency)
        .filter(h -> h.getTotalCount() > 0)
        .mapToDouble(Metric.P99::micros)
        .toArray();
  }

  /** The window's requests, errors and exactly merged histogram. */
  Measured total() {
    return total;
  }

  /** The window's p99, read from the merged histogram. */
  long p99Micros() {
    return Metric.P99.micros(total.latency());
  }

  double[] sampleP99s() {
    return sampleP99s.clone();
  }

  /** Samples that had a response: those the p99 test can use. */
  int respondedSamples() {
    return sampleP99s.length;
  }

  TrendWindow status() {
    return new TrendWindow(
        total.latency().getTotalCount() == 0 ? null : Latencies.text(Metric.P99, total.latency()),
        Percent.of(total.errors(), total.requests()),
        total.requests());
  }
}
