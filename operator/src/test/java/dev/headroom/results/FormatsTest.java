package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.Latency;
import dev.headroom.report.HistogramCodec;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void errorRatesArePercentagesWithAtMostTwoDecimals() {
    assertEquals("0.02%", Percent.of(24, 120_000));
    assertEquals("0%", Percent.of(0, 120_000));
    assertEquals("0%", Percent.of(0, 0));
    assertEquals("100%", Percent.of(50, 50));
    assertEquals("33.33%", Percent.of(1, 3));
    assertEquals("1.5%", Percent.of(3, 200));
    // A few errors in a huge run still read as errors.
    assertEquals("0.0001%", Percent.of(1, 1_000_000));
  }

  @Test
  void changesAreSignedWholePercentsAndDifferencesArePercentagePoints() {
    assertEquals("+54%", Percent.change(0.5372));
    assertEquals("-3%", Percent.change(-0.031));
    assertEquals("0%", Percent.change(0.004));
    assertEquals("+0.4pp", Percent.points(0.004));
    assertEquals("-0.02pp", Percent.points(-0.0002));
    assertEquals("0pp", Percent.points(0));
    // As with rates, a tiny difference keeps one significant digit rather than reading 0pp.
    assertEquals("+0.0001pp", Percent.points(0.000001));
  }

  @Test
  void percentagesParseWithOrWithoutTheSign() {
    assertEquals(0.01, Percent.parse("1%"), 1e-12);
    assertEquals(0.005, Percent.parse(" 0.5% "), 1e-12);
    assertEquals(0.01, Percent.parse("0.01"), 1e-12);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Percent.parse("lots"));
    assertTrue(e.getMessage().contains("'lots'") && e.getMessage().contains("1%"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Percent.parse("-1%"));
    assertThrows(IllegalArgumentException.class, () -> Percent.parse("%"));
    assertThrows(IllegalArgumentException.class, () -> Percent.parse(null));
  }

  @Test
  void latenciesReadFromAHistogramHaveThreeSignificantDigits() {
    Histogram h = HistogramCodec.newHistogram();
    h.recordValue(410);
    h.recordValueWithCount(41_200, 60);
    h.recordValueWithCount(130_000, 35);
    h.recordValueWithCount(1_230_000, 4);
    Latency l = Latencies.of(h);

    assertEquals("0.41ms", l.min());
    assertEquals("41.2ms", l.p50());
    assertEquals("130ms", l.p90());
    assertEquals("1.23s", l.p99());
    assertEquals("1.23s", l.max());
    assertEquals("119ms", l.mean());
  }

  @Test
  void ratesKeepOneDecimal() {
    assertEquals(999.8, Rates.round(999.8333));
    assertEquals(1000.0, Rates.round(999.96));
    assertEquals("1000", Rates.text(999.8));
    assertEquals("12.5", Rates.text(12.46));
    assertEquals("3", Rates.text(3.01));
    assertEquals(0.0, Rates.perSecond(10, 0));
  }
}
