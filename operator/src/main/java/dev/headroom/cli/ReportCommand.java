package dev.headroom.cli;

import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.results.RunFigures;
import dev.headroom.validation.ManifestReader;
import dev.headroom.validation.ReadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom report STATUS.json -o OUT.html}: the report of a run saved with {@code headroom run --json}. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Renders the HTML report of a run saved with headroom run --json. Exit status: 0 written,",
      "2 bad input, 3 could not write."
    })
final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "STATUS.json", description = "A status saved by headroom run --json.")
  Path status;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.html", required = true, description = "Where to write the report.")
  Path output;

  @Option(names = "--manifest", paramLabel = "FILE",
      description = "The LoadTest the run came from: marks its stages and the capacity SLO on the charts.")
  Path manifest;

  @Option(names = "--baseline", paramLabel = "OLD.json", description = "Overlay this saved run's percentile spectrum.")
  Path baseline;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    LoadTestStatus read;
    LoadTestSpec loadTestSpec = null;
    String name = fileName(status);
    RunFigures base = null;
    try {
      read = SavedStatus.read(status);
      if (manifest != null) {
        ReadResult m = ManifestReader.read(manifest);
        if (!m.isValid()) {
          err.println("headroom report: " + manifest + " is not a valid LoadTest:");
          m.problems().forEach(p -> err.println("  " + p));
          return ExitCodes.USAGE;
        }
        loadTestSpec = m.loadTest().getSpec();
        name = m.loadTest().getMetadata().getName();
      }
      if (baseline != null) {
        base = SavedStatus.baseline(baseline);
      }
    } catch (IllegalArgumentException e) {
      err.println("headroom report: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    try {
      ReportFile.write(output, name, loadTestSpec, read, base);
    } catch (IllegalArgumentException e) {
      err.println("headroom report: " + status + ": " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      err.println("headroom report: cannot write " + output + ": " + e.getMessage());
      return ExitCodes.ERROR;
    }
    err.println("headroom report: wrote " + output);
    return ExitCodes.OK;
  }

  private static String fileName(Path p) {
    String f = p.getFileName().toString();
    return f.endsWith(".json") ? f.substring(0, f.length() - ".json".length()) : f;
  }
}
