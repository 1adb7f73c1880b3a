package dev.headroom.bench.soak;

import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.report.IntervalBatch;
import dev.headroom.report.IntervalReport;
import dev.headroom.report.RequestInterval;
import dev.headroom.results.ResultsCheckpoint;
import dev.headroom.results.RunResults;
import dev.headroom.worker.WireJson;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operator side of a soak, fast-forwarded: the intervals one worker of a real soak sent
 * (captured with a pull that does not acknowledge), merged again and again into one {@link
 * RunResults} as two workers' intervals of a run as long as asked (24 hours by default), without
 * waiting for the clock. At given hours: the heap the results hold after {@code System.gc()} (the
 * heap then, minus the heap before the results existed), the checkpoint's serialized size, and its
 * series' slots and width. The worker side cannot be fast-forwarded (its intervals come from the
 * clock); this answers whether the operator side's growth in the first hour goes on.
 *
 * <p>Worker 1's intervals are the captured ones; worker 0's are the same with each request name
 * moved one down ({@code r01} to {@code r00}), as the plan's round-robin gives worker 0 the even
 * names. Every interval keeps its real histograms; only seq and time are rewritten.
 *
 * <pre>
 *   SoakReplay SPEC.yaml CAPTURED.json OUT.tsv [hours,hours,...]
 * </pre>
 */
public final class SoakReplay {

  private SoakReplay() {}

  public static void main(String[] args) throws Exception {
    LoadTestSpec spec = SoakDriver.readSpec(Path.of(args[0]));
    IntervalBatch captured = WireJson.MAPPER.readValue(Files.readAllBytes(Path.of(args[1])), IntervalBatch.class);
    List<Double> hours = new ArrayList<>();
    for (String h : (args.length > 3 ? args[3] : "0.0833,0.25,0.5,0.75,1,2,4,8,12,16,20,24").split(",")) {
      hours.add(Double.parseDouble(h));
    }
    List<IntervalReport> w1 = captured.intervals().stream().filter(r -> r.stage() >= 0).toList();
    List<IntervalReport> w0 = w1.stream().map(SoakReplay::evenNames).toList();
    int n = w1.size();
    long base = w1.get(0).startMs();

    long before = heapAfterGc();
    RunResults results = RunResults.forPlan(spec.plan());
    try (var out = Files.newBufferedWriter(Path.of(args[2]))) {
      out.write("hours\tintervals_per_worker\tresults_heap_bytes\tcheckpoint_bytes\tseries_slots\tseries_width\tcpu_s\n");
      long seq = 0;
      long cpu0 = cpuNanos();
      for (double h : hours) {
        long until = Math.round(h * 3600);
        for (; seq < until; seq++) {
          int i = (int) (seq % n);
          results.add(0, moved(w0.get(i), seq, base));
          results.add(1, moved(w1.get(i), seq, base));
        }
        long held = heapAfterGc() - before;
        ResultsCheckpoint c = results.checkpoint(RunResults.CHECKPOINT_BUDGET);
        long bytes = WireJson.MAPPER.writeValueAsBytes(c).length;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        out.write(String.format(Locale.ROOT, "%.4f\t%d\t%d\t%d\t%d\t%d\t%.1f%n", h, seq, held, bytes, c.series().size(),
            c.seriesWidth(), cpu));
        out.flush();
        System.out.printf(Locale.ROOT, "%s replay: %6.2f h (%d intervals a worker): results %.2f MB after GC,"
                + " checkpoint %.1f kB (%d slots of %d s), %.0f s CPU%n",
            Instant.now().toString().substring(11, 19), h, seq, held / 1e6, bytes / 1e3, c.series().size(),
            c.seriesWidth(), cpu);
      }
    }
    // Keep the results reachable until the last measurement.
    if (results.lastSeq(0) < 0) {
      System.out.println("nothing merged");
    }
  }

  private static IntervalReport moved(IntervalReport r, long seq, long base) {
    long start = base + seq * 1000;
    return new IntervalReport(seq, r.stage(), start, start + 1000, r.requests(), r.generator());
  }

  private static IntervalReport evenNames(IntervalReport r) {
    Map<String, RequestInterval> renamed = new LinkedHashMap<>();
    r.requests().forEach((name, ri) -> {
      int k = Integer.parseInt(name.substring(1));
      renamed.put(String.format(Locale.ROOT, "r%02d", k % 2 == 1 ? k - 1 : k), ri);
    });
    return new IntervalReport(r.seq(), r.stage(), r.startMs(), r.endMs(), renamed, r.generator());
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
