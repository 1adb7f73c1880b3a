package dev.headroom.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.collect.HttpWorkerControl;
import dev.headroom.collect.WorkerControl;
import dev.headroom.report.IntervalBatch;
import dev.headroom.results.RunResults;
import dev.headroom.session.RunSession;
import dev.headroom.session.SessionCheckpoint;
import dev.headroom.validation.ManifestReader;
import dev.headroom.validation.ReadResult;
import dev.headroom.worker.ControlApi;
import dev.headroom.worker.WireJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/soak's operator: drives one run of real worker processes exactly as the operator's
 * RunCollector does (a {@link RunSession} over {@link HttpWorkerControl}s, advanced once a second; every
 * checkpoint interval a {@link SessionCheckpoint} of {@link RunResults#CHECKPOINT_BUDGET}, serialized
 * with {@link WireJson#MAPPER} as the checkpoint ConfigMap gets it, then acknowledged), and at given
 * points of the run measures the memory each side holds.
 *
 * <p>The run has two workers (indexes 0 and 1 of one plan, each sending half of it). Worker 0 is
 * acknowledged as the operator does; worker 1's pulls never carry an acknowledgement, which is the
 * contract before acknowledgements (a worker kept every interval of the run): the peer, in the same
 * run, on the same target, with the same plan share.
 *
 * <p>At a point, in the tick where a checkpoint is due and before it is written (the most a worker
 * holds in a checkpoint cycle): each worker JVM's live heap ({@code jcmd GC.class_histogram}, which
 * runs a full GC first and adds up what is left), this JVM's heap after {@code System.gc()} (the
 * operator side: session, results, collector), the checkpoint's serialized size, and the intervals
 * each worker holds (a pull without acknowledgement: their count and JSON bytes). The never
 * acknowledged worker's answer, every interval it sent so far, is kept as {@code captured-w1.json}
 * for {@link SoakReplay}.
 *
 * <pre>
 *   SoakDriver plan LOADTEST.yaml PLAN.json       the worker plan, as the operator writes it
 *   SoakDriver run key=value...                   spec= token= out= w0=HOST:PORT:PID w1=HOST:PORT:PID
 *                                                 points=S,S,... (seconds of run) checkpoint=S
 * </pre>
 */
public final class SoakDriver {

  private static final Pattern HEAP_USED = Pattern.compile("(?:generation|heap|Gen)\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");
  private static final Pattern HIST_TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

  private SoakDriver() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("plan")) {
      LoadTestSpec spec = readSpec(Path.of(args[1]));
      Files.write(Path.of(args[2]), WireJson.MAPPER.writeValueAsBytes(spec.plan()));
      return;
    }
    if (args.length >= 1 && args[0].equals("run")) {
      Map<String, String> opts = new LinkedHashMap<>();
      for (int i = 1; i < args.length; i++) {
        int eq = args[i].indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("expected key=value, got " + args[i]);
        }
        opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
      }
      System.exit(new SoakDriver().run(opts));
    }
    System.err.println("usage: SoakDriver plan LOADTEST.yaml PLAN.json | SoakDriver run spec= token= out= w0= w1= points= checkpoint=");
    System.exit(2);
  }

  static LoadTestSpec readSpec(Path file) {
    ReadResult read = ManifestReader.read(file);
    if (!read.isValid()) {
      throw new IllegalArgumentException("invalid LoadTest " + file + ": " + read.problems());
    }
    return read.loadTest().getSpec();
  }

  /** A worker process: where its control port is, and its pid for jcmd. */
  record Endpoint(String host, int port, long pid) {
    static Endpoint parse(String s) {
      String[] p = s.split(":");
      return new Endpoint(p[0], Integer.parseInt(p[1]), Long.parseLong(p[2]));
    }
  }

  /** The contract before acknowledgements: every pull leaves everything in place. */
  record NeverAcknowledged(WorkerControl w) implements WorkerControl {
    @Override
    public int index() {
      return w.index();
    }

    @Override
    public Future<Boolean> ready() {
      return w.ready();
    }

    @Override
    public Future<Long> start(long startAtEpochMs) {
      return w.start(startAtEpochMs);
    }

    @Override
    public Future<Long> rate(int step, double totalRate, long atEpochMs) {
      return w.rate(step, totalRate, atEpochMs);
    }

    @Override
    public Future<IntervalBatch> intervals(long after, long ack) {
      return w.intervals(after, -1);
    }

    @Override
    public Future<Void> stop() {
      return w.stop();
    }
  }

  private int run(Map<String, String> o) throws Exception {
    LoadTestSpec spec = readSpec(Path.of(o.get("spec")));
    String token = Files.readString(Path.of(o.get("token"))).strip();
    Path out = Path.of(o.get("out"));
    outDir = out.toString();
    Files.createDirectories(out.resolve("hist"));
    List<Endpoint> eps = List.of(Endpoint.parse(o.get("w0")), Endpoint.parse(o.get("w1")));
    List<Long> points = new ArrayList<>();
    for (String p : o.get("points").split(",")) {
      points.add(Long.parseLong(p.trim()));
    }
    Duration checkpointEvery = Duration.ofSeconds(Long.parseLong(o.getOrDefault("checkpoint", "30")));

    Vertx vertx = Vertx.vertx();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    List<WorkerControl> controls = List.of(
        new HttpWorkerControl(client, 0, eps.get(0).host(), eps.get(0).port(), token),
        new NeverAcknowledged(new HttpWorkerControl(client, 1, eps.get(1).host(), eps.get(1).port(), token)));
    AtomicLong merged = new AtomicLong();
    RunSession session = new RunSession(spec, controls, List.of(), merged::incrementAndGet);
    java.net.http.HttpClient raw = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    awaitReady(controls, Duration.ofSeconds(60));
    long startAt = session.start(System.currentTimeMillis() + 500);
    log("started at %s; points at %s s; checkpoint every %d s", Instant.ofEpochMilli(startAt), points,
        checkpointEvery.toSeconds());

    PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(out.resolve("samples.tsv")), true);
    tsv.println(String.join("\t", "point_s", "elapsed_s", "wall_utc",
        "w0_live_bytes", "w0_heap_used_kb", "w0_held", "w0_held_json_bytes",
        "w1_live_bytes", "w1_heap_used_kb", "w1_held", "w1_held_json_bytes",
        "driver_heap_after_gc_bytes", "driver_live_bytes", "checkpoint_bytes", "merged", "w0_acked", "sample_ms",
        "w0_rss_kb", "w1_rss_kb", "driver_rss_kb"));
    PrintWriter checkpoints = new PrintWriter(Files.newBufferedWriter(out.resolve("checkpoints.tsv")), true);
    checkpoints.println("elapsed_s\tbytes\tmerged");

    // The operator's first look at a Running run is after its first interval closes.
    long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, startAt + 1000 - System.currentTimeMillis()));
    LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
    Instant checkpointAt = Instant.MIN;
    int pointIndex = 0;
    long lastCheckpointBytes = -1;
    while (true) {
      Instant now = Instant.now();
      session.advance(now);
      double elapsed = (System.currentTimeMillis() - startAt) / 1000.0;
      // ActiveRun.checkpointDue: the first look sets the clock, then every checkpointEvery.
      boolean due = false;
      if (checkpointAt == Instant.MIN) {
        checkpointAt = now;
      } else if (!now.isBefore(checkpointAt.plus(checkpointEvery))) {
        checkpointAt = now;
        due = true;
      }
      if (due && !session.stopSent()) {
        if (pointIndex < points.size() && elapsed >= points.get(pointIndex)) {
          long t0 = System.nanoTime();
          SessionCheckpoint cp = session.checkpoint(1, RunResults.CHECKPOINT_BUDGET);
          long cpBytes = WireJson.MAPPER.writeValueAsBytes(cp).length;
          cp = null;
          Sample s = sample(points.get(pointIndex), elapsed, eps, raw, token);
          long sampleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
          tsv.println(String.join("\t", List.of(
              Long.toString(points.get(pointIndex)), String.format(Locale.ROOT, "%.1f", elapsed), Instant.now().toString(),
              Long.toString(s.live[0]), Long.toString(s.usedKb[0]), Long.toString(s.held[0]), Long.toString(s.heldBytes[0]),
              Long.toString(s.live[1]), Long.toString(s.usedKb[1]), Long.toString(s.held[1]), Long.toString(s.heldBytes[1]),
              Long.toString(s.driverHeap), Long.toString(s.driverLive), Long.toString(cpBytes),
              Long.toString(merged.get()), Long.toString(s.acked0), Long.toString(sampleMs),
              Long.toString(rssKb(eps.get(0).pid())), Long.toString(rssKb(eps.get(1).pid())),
              Long.toString(rssKb(ProcessHandle.current().pid())))));
          log("point %d s (at %.0f s): worker acked %s live, %d held | worker never acked %s live, %d held"
                  + " | driver %s after GC | checkpoint %s | %d ms",
              points.get(pointIndex), elapsed, mb(s.live[0]), s.held[0], mb(s.live[1]), s.held[1],
              mb(s.driverHeap), kb(cpBytes), sampleMs);
          pointIndex++;
        }
        // RunCollector: write the checkpoint, and only then let the workers drop what it holds.
        SessionCheckpoint checkpoint = session.checkpoint(1, RunResults.CHECKPOINT_BUDGET);
        byte[] json = WireJson.MAPPER.writeValueAsBytes(checkpoint);
        lastCheckpointBytes = json.length;
        checkpoints.printf(Locale.ROOT, "%.1f\t%d\t%d%n", elapsed, json.length, merged.get());
        session.acknowledge(checkpoint);
        if (pointIndex >= points.size()) {
          log("last point taken: stopping the workers");
          session.stop();
        }
      }
      if (session.lost() > 0) {
        log("lost: %s", session.lostMessage());
        break;
      }
      if (session.done()) {
        break;
      }
      next += TimeUnit.SECONDS.toNanos(1);
      LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
    }
    SessionCheckpoint last = session.checkpoint(1, RunResults.CHECKPOINT_BUDGET);
    long lastBytes = WireJson.MAPPER.writeValueAsBytes(last).length;
    var total = session.results().total();
    Files.writeString(out.resolve("final.txt"), String.format(Locale.ROOT,
        "merged\t%d%nlost\t%d%nfinal_checkpoint_bytes\t%d%nlast_written_checkpoint_bytes\t%d%n"
            + "requests\t%d%nerrors\t%d%nachieved_rps\t%.1f%np99_ms\t%.2f%n",
        merged.get(), session.lost(), lastBytes, lastCheckpointBytes, total.requests(), total.errors(), total.rps(),
        total.latency().getValueAtPercentile(99) / 1e3));
    log("done: %d intervals merged, final checkpoint %s, lost workers %d", merged.get(), kb(lastBytes), session.lost());
    tsv.close();
    checkpoints.close();
    client.close().await();
    vertx.close().await();
    return session.lost() > 0 || pointIndex < points.size() ? 1 : 0;
  }

  static final class Sample {
    final long[] live = new long[2];
    final long[] usedKb = new long[2];
    final long[] held = new long[2];
    final long[] heldBytes = new long[2];
    long driverHeap;
    long driverLive;
    long acked0;
  }

  private Sample sample(long point, double elapsed, List<Endpoint> eps, java.net.http.HttpClient raw, String token)
      throws Exception {
    Sample s = new Sample();
    // This JVM first, with nothing of the sample on its heap.
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    s.driverHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    s.driverLive = liveBytes(ProcessHandle.current().pid(), "p" + point + "-driver");
    for (int w = 0; w < 2; w++) {
      s.live[w] = liveBytes(eps.get(w).pid(), "p" + point + "-w" + w);
      String info = jcmd(eps.get(w).pid(), "GC.heap_info");
      Files.writeString(Path.of(outDir, "hist", "p" + point + "-w" + w + ".heap_info.txt"), info);
      Matcher m = HEAP_USED.matcher(info);
      while (m.find()) {
        s.usedKb[w] += Long.parseLong(m.group(1));
      }
      // What the worker holds: everything it keeps, asked without an acknowledgement.
      HttpResponse<byte[]> r = raw.send(HttpRequest.newBuilder(
              URI.create("http://" + eps.get(w).host() + ":" + eps.get(w).port() + ControlApi.INTERVALS
                  + "?" + ControlApi.AFTER + "=-1"))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (w == 1) {
        // Every interval of the run so far (it is never acknowledged): SoakReplay's input.
        Files.write(Path.of(outDir, "captured-w1.json"), r.body());
      }
      JsonNode batch = WireJson.MAPPER.readTree(r.body());
      s.held[w] = batch.path("intervals").size();
      s.heldBytes[w] = r.body().length;
      if (w == 0) {
        s.acked0 = batch.path("acked").asLong(-1);
      }
    }
    return s;
  }

  /** Where raw samples go (the {@code out=} option). */
  private static String outDir = ".";

  /** Live bytes after a full GC: {@code GC.class_histogram} collects first, then counts what is left. */
  private static long liveBytes(long pid, String name) throws IOException, InterruptedException {
    String hist = jcmd(pid, "GC.class_histogram");
    Files.writeString(Path.of(outDir, "hist", name + ".histogram.txt"),
        hist.lines().limit(40).reduce("", (a, b) -> a + b + "\n")
            + hist.lines().filter(l -> l.startsWith("Total")).findFirst().orElse("") + "\n");
    Matcher m = HIST_TOTAL.matcher(hist);
    return m.find() ? Long.parseLong(m.group(2)) : -1;
  }

  /** The process's resident set ({@code VmRSS}), in KiB; -1 where /proc has no such line. */
  private static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: the number is simply absent.
    }
    return -1;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    byte[] outBytes = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return new String(outBytes, StandardCharsets.UTF_8);
  }

  private static void awaitReady(List<WorkerControl> workers, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Future<Boolean>> asked = workers.stream().map(WorkerControl::ready).toList();
      Future.join(asked).otherwiseEmpty().await();
      if (asked.stream().allMatch(f -> Boolean.TRUE.equals(f.result()))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("workers were not ready within " + timeout.toSeconds() + "s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
  }

  private static String kb(long bytes) {
    return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
  }

  private static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "%s soak: %s%n", Instant.now().toString().substring(11, 19),
        String.format(Locale.ROOT, format, args));
  }
}
