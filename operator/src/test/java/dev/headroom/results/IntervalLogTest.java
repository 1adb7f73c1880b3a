package dev.headroom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.report.HistogramCodec;
import dev.headroom.report.RequestInterval;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

class IntervalLogTest {

  private record Line(double startSec, double endSec, Histogram histogram) {}

  private static List<Line> read(String log) {
    List<Line> lines = new ArrayList<>();
    HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
    Histogram h;
    while ((h = (Histogram) reader.nextIntervalHistogram()) != null) {
      lines.add(new Line(h.getStartTimeStamp() / 1000.0, h.getEndTimeStamp() / 1000.0, h));
    }
    return lines;
  }

  private static Histogram merged(List<Line> lines) {
    Histogram all = HistogramCodec.newHistogram();
    lines.forEach(l -> all.add(l.histogram()));
    return all;
  }

  @Test
  void aShortRunHasOneMergedLinePerMeasuredInterval() {
    SyntheticRun run = new SyntheticRun(3, 3, 4, List.of(20), 200);
    RunResults results = run.feed(new RunResults(List.of(new PlannedStage(20_000_000_000L, 600.0)), SyntheticRun.NAMES));

    String log = results.intervalLog();
    List<Line> lines = read(log);

    assertTrue(log.contains("#[Histogram log format version"), log.lines().limit(6).toList().toString());
    assertEquals(20, lines.size());
    assertEquals(run.all, merged(lines));
    // Warmup's four seconds are not in it: the first line starts at the first measured second.
    assertEquals(4.0, lines.get(0).startSec() - SyntheticRun.START_MS / 1000.0, 1e-9);
    assertEquals(1.0, lines.get(0).endSec() - lines.get(0).startSec(), 1e-9);
  }

  /** An hour of one-second intervals with wide, distinct distributions: the worst case for size. */
  @Test
  void aLongRunIsCoarsenedToFitAConfigMapAndLosesNoLatency() {
    Random random = new Random(11);
    RunResults results = new RunResults(List.of(new PlannedStage(3_600_000_000_000L, 300.0)), List.of("browse"));
    Histogram reference = HistogramCodec.newHistogram();
    for (long seq = 0; seq < 3600; seq++) {
      Histogram h = HistogramCodec.newHistogram();
      for (int i = 0; i < 200; i++) {
        long micros = 1 + (long) Math.exp(random.nextDouble() * Math.log(5_000_000));
        h.recordValue(micros);
      }
      reference.add(h);
      results.add(0, Reports.report(seq, 0, false, Map.of("browse", new RequestInterval(200, Map.of(), 0, HistogramCodec.encode(h)))));
    }

    String log = results.intervalLog();
    List<Line> lines = read(log);
    assertTrue(log.length() <= RunResults.LOG_BYTE_BUDGET, "log of " + log.length() + " bytes");
    // 600 lines would not fit: the byte budget, not the line cap, set the coarsening.
    assertTrue(lines.size() < RunResults.LOG_MAX_INTERVALS, lines.size() + " lines");
    assertEquals(reference, merged(lines));
    assertEquals(3600.0, lines.get(lines.size() - 1).endSec() - lines.get(0).startSec(), 1e-9);
  }

  @Test
  void aSmallerBudgetMergesFurther() {
    SyntheticRun run = new SyntheticRun(4, 1, 0, List.of(300), 300);
    RunResults results = run.feed(new RunResults(List.of(new PlannedStage(300_000_000_000L, 300.0)), SyntheticRun.NAMES));

    String whole = results.intervalLog();
    String tight = results.intervalLog(RunResults.LOG_MAX_INTERVALS, 20_000);

    assertEquals(300, read(whole).size());
    assertTrue(whole.length() > 20_000, "log of " + whole.length() + " bytes");
    assertTrue(tight.length() <= 20_000, "log of " + tight.length() + " bytes");
    assertEquals(run.all, merged(read(tight)));
  }
}
