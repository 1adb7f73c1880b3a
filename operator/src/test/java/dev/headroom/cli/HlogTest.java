package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.plan.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.HistogramLogProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom run --hlog}: HdrHistogram's own {@code HistogramLogProcessor} reads the interval
 * log and finds the percentiles, maximum and count the status reports.
 */
class HlogTest {

  @TempDir Path dir;
  private final LoopbackTargets targets = new LoopbackTargets();

  @AfterEach
  void tearDown() {
    targets.close();
  }

  @Test
  void histogramLogProcessorReadsTheLogAndAgreesWithTheStatus() throws Exception {
    Path manifest = Files.writeString(dir.resolve("lt.yaml"), """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        metadata: {name: hlog}
        spec:
          target: {url: "%s", timeout: 2s}
          requests: [{name: a, path: /a}, {name: b, path: /b}]
          load: {warmup: 1s, stages: [{duration: 3s, rate: 200}]}
          workers: {replicas: 2}
        """.formatted(targets.start(32, Duration.ofMillis(3))));
    Path json = dir.resolve("status.json");
    Path hlog = dir.resolve("run.hlog");
    CommandRun run = CommandRun.of("run", manifest.toString(), "--quiet", "--json", json.toString(),
        "--hlog", hlog.toString());
    assertEquals(0, run.exitCode(), run.err());

    Path out = dir.resolve("processed");
    // The log holds microseconds: a ratio of 1000 prints milliseconds.
    new HistogramLogProcessor(new String[] {"-i", hlog.toString(), "-o", out.toString(),
        "-outputValueUnitRatio", "1000"}).run();
    Map<Double, Double> rows = new HashMap<>();
    String total = null;
    String max = null;
    for (String line : Files.readAllLines(Path.of(out + ".hgrm"))) {
      String t = line.trim();
      if (t.startsWith("#[Max")) {
        // #[Max     =        9.000, Total count    =          600]
        max = t.substring(t.indexOf('=') + 1, t.indexOf(',')).trim();
        total = t.substring(t.lastIndexOf('=') + 1, t.indexOf(']')).trim();
      } else if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
        String[] cols = t.split("\\s+");
        rows.put(Double.parseDouble(cols[1]), Double.parseDouble(cols[0]));
      }
    }
    JsonNode latency = new ObjectMapper().readTree(json.toFile()).at("/summary");
    assertEquals(latency.get("requests").asText(), total, "every response of the run, warmup excluded");
    assertEquals(List.of(latency.at("/latency/p50").asText(), latency.at("/latency/p90").asText(),
            latency.at("/latency/max").asText()),
        List.of(millis(rows.get(0.5)), millis(rows.get(0.9)), millis(Double.parseDouble(max))));
  }

  /** The processor's milliseconds in the status's form: three significant digits and a unit. */
  private static String millis(Double ms) {
    return Durations.formatMicros(Math.round(ms * 1000));
  }
}
