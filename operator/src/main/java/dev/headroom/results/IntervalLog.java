package dev.headroom.results;

import dev.headroom.report.HistogramCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The merged latencies of a run as an HdrHistogram interval log, the format
 * {@code HistogramLogProcessor} and HdrHistogram plotting tools read: one line per interval, all
 * workers and requests together, warmup excluded.
 *
 * <p>The log has to fit a ConfigMap (1 MiB for all its keys). A long run is coarsened by merging
 * adjacent intervals, never by dropping any, so every recorded latency stays in the log: first to
 * at most {@code maxIntervals} lines, then by halving the lines until the log fits the byte budget.
 */
final class IntervalLog {

  /** Max column in milliseconds; the histograms hold microseconds. */
  private static final double MICROS_PER_MILLI = 1000.0;

  /** Timestamps, max and separators of a line, besides its histogram. */
  private static final int LINE_OVERHEAD = 40;

  private static final int HEADER_BYTES = 600;

  /** Adjacent intervals merged into one line, in {@link HistogramCodec} form. */
  private record Span(long startMs, long endMs, String histogram) {}

  private IntervalLog() {}

  /** @param width interval numbers each slot covers already */
  static String render(List<Slot> slots, long width, int maxIntervals, int byteBudget) {
    String empty = HistogramCodec.encode(HistogramCodec.newHistogram());
    List<Span> spans = new ArrayList<>();
    for (Slot slot : slots) {
      String h = slot.encodedHistogram();
      spans.add(new Span(slot.startMs, slot.endMs, h == null ? empty : h));
    }
    int group = Math.max(1, (spans.size() + maxIntervals - 1) / maxIntervals);
    spans = coarsen(spans, group);
    long perLine = group * width;
    while (true) {
      // Cheap estimate first: the writer re-encodes each histogram, to the same size or close.
      if (estimate(spans) <= byteBudget || spans.size() <= 1) {
        String log = write(spans, perLine);
        if (log.length() <= byteBudget || spans.size() <= 1) {
          return log;
        }
      }
      spans = coarsen(spans, 2);
      perLine *= 2;
    }
  }

  private static List<Span> coarsen(List<Span> spans, int group) {
    if (group == 1) {
      return spans;
    }
    List<Span> out = new ArrayList<>();
    for (int from = 0; from < spans.size(); from += group) {
      List<Span> part = spans.subList(from, Math.min(spans.size(), from + group));
      Histogram merged = HistogramCodec.decode(part.get(0).histogram());
      for (Span s : part.subList(1, part.size())) {
        merged.add(HistogramCodec.decode(s.histogram()));
      }
      long startMs = part.get(0).startMs();
      long endMs = part.get(part.size() - 1).endMs();
      out.add(new Span(startMs, endMs, HistogramCodec.encode(merged)));
    }
    return out;
  }

  private static long estimate(List<Span> spans) {
    long bytes = HEADER_BYTES;
    for (Span s : spans) {
      bytes += LINE_OVERHEAD + s.histogram().length();
    }
    return bytes;
  }

  /** A log of these histograms, a line each, at their own time stamps. */
  static String write(List<Histogram> lines) {
    return write(lines.stream()
        .map(h -> new Span(h.getStartTimeStamp(), h.getEndTimeStamp(), HistogramCodec.encode(h))).toList(), 1);
  }

  private static String write(List<Span> spans, long perLine) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
    HistogramLogWriter log = new HistogramLogWriter(print);
    log.outputComment(
        "Headroom merged latencies: all workers and requests, warmup excluded;"
            + " values in microseconds, max column in milliseconds; up to "
            + perLine + " interval(s) per line");
    log.outputLogFormatVersion();
    long baseMs = spans.isEmpty() ? 0 : spans.get(0).startMs();
    log.outputStartTime(baseMs);
    log.outputBaseTime(baseMs);
    log.outputLegend();
    for (Span s : spans) {
      log.outputIntervalHistogram(
          (s.startMs() - baseMs) / 1000.0,
          (s.endMs() - baseMs) / 1000.0,
          HistogramCodec.decode(s.histogram()),
          MICROS_PER_MILLI);
    }
    print.flush();
    return out.toString(StandardCharsets.UTF_8);
  }
}
