package dev.headroom.results;

import dev.headroom.report.GeneratorHealth;
import dev.headroom.report.SlowRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * A run's measured intervals over time, merged across workers, in at most {@code maxSlots} slots
 * however long the run: when a new interval would make one too many, adjacent pairs are merged and
 * every slot covers twice as many interval numbers as before. Merging is exact (counts add,
 * histograms {@code add}), so a 24-hour run reads as ~340 slots of 256 s with every latency in
 * them, and its memory does not grow with its length.
 *
 * <p>Slots are aligned on interval numbers ({@code seq / width}), so an interval always lands in
 * the same slot whichever order the workers' intervals come in, and a series rebuilt from a
 * checkpoint keeps growing exactly as the original would have.
 */
final class TimeSeries {

  private final int maxSlots;
  private long width = 1;
  private final NavigableMap<Long, Slot> slots = new TreeMap<>();

  TimeSeries(int maxSlots) {
    if (maxSlots < 2) {
      throw new IllegalArgumentException("a series needs at least 2 slots");
    }
    this.maxSlots = maxSlots;
  }

  /** A series as a checkpoint wrote it: {@code width} interval numbers a slot, slots by key. */
  static TimeSeries of(int maxSlots, long width, Map<Long, Slot> slots) {
    TimeSeries series = new TimeSeries(maxSlots);
    series.width = width;
    series.slots.putAll(slots);
    while (series.slots.size() > maxSlots) {
      series.coarsen();
    }
    return series;
  }

  void add(long seq, long startMs, long endMs, long requests, long errors, Histogram latency,
      List<SlowRequest> slowest, GeneratorHealth generator) {
    Slot slot = slots.computeIfAbsent(seq / width, k -> new Slot());
    slot.add(startMs, endMs, requests, errors, latency, slowest);
    slot.generator(generator);
    while (slots.size() > maxSlots) {
      coarsen();
    }
  }

  /** Twice as many interval numbers a slot: each pair (2k, 2k+1) becomes slot k. */
  void coarsen() {
    NavigableMap<Long, Slot> pairs = new TreeMap<>();
    slots.forEach((key, slot) -> pairs.merge(key / 2, slot, Slot::merge));
    slots.clear();
    slots.putAll(pairs);
    width *= 2;
  }

  /** Interval numbers a slot covers. */
  long width() {
    return width;
  }

  /** The slots in time order. */
  List<Slot> slots() {
    return new ArrayList<>(slots.values());
  }

  /** The slots by key ({@code seq / width}), for a checkpoint. */
  NavigableMap<Long, Slot> byKey() {
    return slots;
  }

  /** A copy to coarsen without touching this one (for a checkpoint that must fit a budget). */
  TimeSeries copy() {
    TimeSeries c = new TimeSeries(maxSlots);
    c.width = width;
    slots.forEach((k, s) -> c.slots.put(k, new Slot().merge(s)));
    return c;
  }
}
