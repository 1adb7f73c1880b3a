package dev.headroom.cli;

import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.SeriesPoint;
import dev.headroom.htmlreport.ReportInput;
import dev.headroom.htmlreport.ReportPage;
import dev.headroom.results.RunFigures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a finished run's HTML report: the one path {@code run --report} and {@code report} share. */
final class ReportFile {

  private ReportFile() {}

  /**
   * @param status a finished run's status with its results inline ({@code headroom run} fills them)
   * @throws IllegalArgumentException when the status holds no results to draw
   */
  static void write(Path out, String name, LoadTestSpec spec, LoadTestStatus status, RunFigures baseline)
      throws IOException {
    if (status.getResults() == null || status.getResults().intervalLog() == null) {
      throw new IllegalArgumentException("the status has no results.intervalLog to draw (save it with headroom run"
          + " --json from this version on)");
    }
    RunFigures run = RunFigures.of(name + " run " + status.getRun(), status, status.getResults().intervalLog());
    List<SeriesPoint> series = status.getResults().series() == null ? List.of() : status.getResults().series();
    String html = ReportPage.render(new ReportInput(name, spec, status, run, series, baseline));
    Files.writeString(out, html, StandardCharsets.UTF_8);
  }
}
