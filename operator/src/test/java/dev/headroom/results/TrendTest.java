package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.api.v1alpha1.TrendResult;
import dev.headroom.plan.Durations;
import dev.headroom.report.HistogramCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToLongFunction;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class TrendTest {

  private static final long FAST_US = 20_000;

  /**
   * A sample whose p99 is {@code p99Micros}: 98% of its requests at 20ms and 2% at that value, so
   * the 99th percentile falls among the slow ones. {@code requests} must be a multiple of 50.
   */
  private static TrendSample sample(long startMs, long widthMs, long requests, long errors, long p99Micros) {
    Histogram h = HistogramCodec.newHistogram();
    h.recordValueWithCount(FAST_US, requests - requests / 50);
    h.recordValueWithCount(p99Micros, requests / 50);
    return new TrendSample(startMs, startMs + widthMs, requests, errors, h);
  }

  /** {@code count} back-to-back samples of {@code widthMs}, sample {@code i} shaped by the functions. */
  private static List<TrendSample> series(
      int count, long widthMs, long requests, IntToLongFunction errors, IntToLongFunction p99Micros) {
    List<TrendSample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      samples.add(sample(i * widthMs, widthMs, requests, errors.applyAsLong(i), p99Micros.applyAsLong(i)));
    }
    return samples;
  }

  private static Trend trend(List<TrendSample> samples) {
    return Trend.of(samples).orElseThrow(() -> new AssertionError("no trend for " + samples.size() + " samples"));
  }

  @Test
  void aFlatSeriesWithNoiseHasNoDrift() {
    Random random = new Random(42);
    // An hour of 24 s samples: windows of 6 minutes, 15 samples each.
    Trend trend = trend(series(150, 24_000, 10_000,
        i -> Math.max(0, Math.round(10 * (1 + 0.3 * random.nextGaussian()))),
        i -> Math.round(50_000 * (1 + 0.03 * random.nextGaussian()))));

    TrendResult result = trend.result();
    assertFalse(result.drift(), trend.line());
    assertEquals("6m", result.window());
    assertTrue(trend.line().startsWith("no drift between the first and last 6m: p99 "), trend.line());
    assertTrue(result.method().startsWith("Mann-Whitney U on per-sample p99: p="), result.method());
    assertTrue(result.method().contains("; chi-square 2x2 on errors: p="), result.method());
  }

  @Test
  void aTargetThatStopsAnsweringIsAnErrorRateDriftEvenWithNoLatenciesLeft() {
    // The last hour only fails (connection refused): no response, so no p99, but every error.
    List<TrendSample> samples = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      samples.add(i < 135 ? sample(i * 240_000L, 240_000, 1_000, 0, 40_000)
          : new TrendSample(i * 240_000L, i * 240_000L + 240_000, 1_000, 1_000, HistogramCodec.newHistogram()));
    }
    Trend trend = trend(samples);

    assertTrue(trend.drift(), trend.line());
    assertEquals("100%", trend.result().last().errorRate());
    assertEquals(null, trend.result().last().p99());
    assertTrue(trend.line().startsWith("error rate drifted from 0% to 100%"), trend.line());
    assertTrue(trend.result().method().startsWith("p99 not tested"), trend.result().method());
  }

  @Test
  void windowsRunAtDifferentRatesAreNotComparedAndNeverDrift() {
    // A ramp: the last hour sends twice the first's requests, and its p99 is higher for that.
    List<TrendSample> ramp = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      ramp.add(sample(i * 240_000L, 240_000, i < 75 ? 1_000 : 2_000, 0, i < 75 ? 40_000 : 80_000));
    }
    Trend trend = trend(ramp);

    assertFalse(trend.drift(), trend.line());
    assertFalse(trend.result().drift());
    assertEquals("not compared between the first and last hour: they ran at 4.2 and 8.3 rps", trend.line());
  }

  @Test
  void aSteadilyRisingP99IsDriftReadFromTheMergedWindows() {
    // 10 h of 240 s samples, p99 rising 0.2ms a sample from 40ms: windows of an hour, 15 samples
    // each. The merged p99 of 15 samples with 2% slow lands in the middle one's slow values:
    // sample 7 (41.4ms) first, sample 142 (68.4ms) last.
    Trend trend = trend(series(150, 240_000, 1_000, i -> 0, i -> 40_000 + 200L * i));

    TrendResult result = trend.result();
    assertTrue(result.drift());
    assertEquals("1h", result.window());
    assertEquals("41.4ms", result.first().p99());
    assertEquals("68.4ms", result.last().p99());
    assertEquals(15_000L, result.first().requests());
    assertEquals("+65%", result.p99Change());
    assertEquals("0pp", result.errorRateChange());
    assertEquals("p99 drifted from 41.4ms to 68.4ms (+65%) between the first and last hour", trend.line());
    assertTrue(result.method().endsWith("; errors 0% in both: not tested"), result.method());
  }

  @Test
  void aRisingErrorRateIsDrift() {
    // An hour of 24 s samples, errors rising by one every other sample from 10 in 10,000:
    // 199 errors in the first window's 150,000 requests, 1,211 in the last's.
    Trend trend = trend(series(150, 24_000, 10_000, i -> 10 + i / 2, i -> 50_000));

    TrendResult result = trend.result();
    assertTrue(result.drift());
    assertEquals("0.13%", result.first().errorRate());
    assertEquals("0.81%", result.last().errorRate());
    assertEquals("+0.67pp", result.errorRateChange());
    assertEquals("0%", result.p99Change());
    assertEquals(
        "error rate drifted from 0.13% to 0.81% (+0.67pp) between the first and last 6m", trend.line());
  }

  @Test
  void aSignificantChangeBelowTheEffectFloorsIsNoDrift() {
    // p99 up 4% and errors tripled but only by 0.02 percentage points, in every sample of the second
    // half: both tests find a difference, neither is large enough to matter.
    Trend trend = trend(series(150, 24_000, 10_000, i -> i < 75 ? 1 : 3, i -> i < 75 ? 50_000 : 52_000));

    assertTrue(trend.p99Test().p() < Trend.ALPHA, trend.p99Test().text());
    assertTrue(trend.errorTest().p() < Trend.ALPHA, trend.errorTest().text());
    assertFalse(trend.result().drift(), trend.line());
    assertEquals("+4%", trend.result().p99Change());
    assertEquals("+0.02pp", trend.result().errorRateChange());
  }

  @Test
  void anImprovementIsReportedButNotFlagged() {
    Trend trend = trend(series(150, 24_000, 10_000, i -> 100 - i / 2, i -> 80_000 - 200L * i));

    TrendResult result = trend.result();
    assertTrue(trend.p99Test().p() < Trend.ALPHA && trend.errorTest().p() < Trend.ALPHA, result.method());
    assertFalse(result.drift(), trend.line());
    assertTrue(result.p99Change().startsWith("-"), result.p99Change());
    assertTrue(result.errorRateChange().startsWith("-"), result.errorRateChange());
    assertTrue(trend.line().startsWith("no drift between the first and last 6m: p99 78.7ms → 51.6ms (-34%)"),
        trend.line());
  }

  @Test
  void aRunTooShortOrTooCoarseHasNoTrend() {
    assertTrue(Trend.of(List.of()).isEmpty());
    assertTrue(Trend.of(series(599, 1_000, 1_000, i -> 0, i -> 50_000)).isEmpty(), "under 10 minutes");
    assertTrue(Trend.of(series(600, 1_000, 1_000, i -> 0, i -> 50_000)).isPresent(), "10 minutes");
    // 21 minutes in 256 s samples: a window of about 2 minutes holds a single sample.
    assertTrue(Trend.of(series(5, 256_000, 1_000, i -> 0, i -> 50_000)).isEmpty(), "coarse");
  }

  @Test
  void samplesWithoutResponsesDoNotCountTowardsTheP99TestsMinimum() {
    List<TrendSample> samples = new ArrayList<>(series(600, 1_000, 1_000, i -> 0, i -> 50_000));
    for (int i = 0; i < 56; i++) {
      samples.set(i, new TrendSample(i * 1_000L, (i + 1) * 1_000L, 0, 0, HistogramCodec.newHistogram()));
    }
    Trend trend = trend(samples);
    assertTrue(trend.result().method().startsWith("p99 not tested"), "4 samples with responses in the first minute");
    assertFalse(trend.drift());
  }

  @Test
  void coarseSamplesOfADayFillHourWindowsWithTheSamplesThatStartOrEndInThem() {
    // 169 samples of 512 s (24 h 2 m), sample i carrying 1000 + i requests, so the sums say which
    // were taken. First: those starting before 3600 s, 0..7, the last straddling the hour.
    // Last: those ending after 86,528 - 3,600 s, 161..168.
    List<TrendSample> samples = new ArrayList<>();
    for (int i = 0; i < 169; i++) {
      samples.add(sample(i * 512_000L, 512_000, 1_000 + i, 0, 50_000));
    }
    TrendResult result = trend(samples).result();

    assertEquals("1h", result.window());
    assertEquals(8 * 1_000 + (0 + 7) * 8 / 2, result.first().requests());
    assertEquals(8 * 1_000 + (161 + 168) * 8 / 2, result.last().requests());
    assertFalse(result.drift());
  }

  @Test
  void aSampleThatQualifiesForBothWindowsCountsOnlyInTheFirst() {
    // Five 1 s samples, one of 590 s starting within the first minute and ending within the last,
    // five more 1 s samples: a 10-minute run with 1-minute windows.
    List<TrendSample> samples = new ArrayList<>(series(5, 1_000, 100, i -> 0, i -> 50_000));
    samples.add(sample(5_000, 590_000, 1_000, 0, 50_000));
    for (int i = 0; i < 5; i++) {
      samples.add(sample(595_000 + i * 1_000L, 1_000, 100, 0, 50_000));
    }
    TrendResult result = trend(samples).result();

    assertEquals(1_500L, result.first().requests());
    assertEquals(500L, result.last().requests());
  }

  @Test
  void aWindowsP99IsThatOfOneRecorderThatSawAllItsValues() {
    // Ten minutes of 10 s samples (windows of 6 samples) whose volumes and latencies differ widely,
    // so an average of per-sample p99s is far from the true p99.
    Random random = new Random(7);
    Histogram firstAll = HistogramCodec.newHistogram();
    Histogram lastAll = HistogramCodec.newHistogram();
    List<TrendSample> samples = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Histogram h = HistogramCodec.newHistogram();
      int requests = 200 << (i % 6);
      double median = 5_000 * (1 + i % 4);
      for (int r = 0; r < requests; r++) {
        long micros = Math.round(median * Math.exp(0.8 * random.nextGaussian()));
        h.recordValue(micros);
        if (i < 6) {
          firstAll.recordValue(micros);
        } else if (i >= 54) {
          lastAll.recordValue(micros);
        }
      }
      samples.add(new TrendSample(i * 10_000L, (i + 1) * 10_000L, requests, 0, h));
    }
    TrendResult result = trend(samples).result();

    assertEquals(Latencies.text(Metric.P99, firstAll), result.first().p99());
    assertEquals(Latencies.text(Metric.P99, lastAll), result.last().p99());
    double meanOfP99s =
        samples.subList(0, 6).stream().mapToLong(s -> Metric.P99.micros(s.latency())).average().orElseThrow();
    assertNotEquals(Durations.formatMicros(Math.round(meanOfP99s)), result.first().p99());
  }

  @Test
  void theStatusReadsInJsonWithTheNamedFields() throws Exception {
    ObjectMapper json = new ObjectMapper();
    TrendResult result = trend(series(150, 240_000, 1_000, i -> 0, i -> 40_000 + 200L * i)).result();

    JsonNode node = json.readTree(json.writeValueAsString(result));
    assertEquals("1h", node.get("window").asText());
    assertEquals("41.4ms", node.get("first").get("p99").asText());
    assertEquals("0%", node.get("last").get("errorRate").asText());
    assertEquals(15_000, node.get("last").get("requests").asLong());
    assertTrue(node.get("drift").asBoolean());
    assertEquals(result, json.readValue(json.writeValueAsString(result), TrendResult.class));
  }
}
