package dev.headroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Regression;
import dev.headroom.capacity.CapacityPlan;
import dev.headroom.engine.GeneratorVertx;
import dev.headroom.local.LocalRun;
import dev.headroom.local.RunDriver;
import dev.headroom.plan.DataSource;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.Problem;
import dev.headroom.plan.SecretSource;
import dev.headroom.results.RegressionJudge;
import dev.headroom.results.RunFigures;
import dev.headroom.session.RunFailure;
import dev.headroom.session.RunStatus;
import dev.headroom.target.DemoTarget;
import dev.headroom.target.DemoTargetOptions;
import dev.headroom.validation.LoadTestValidator;
import dev.headroom.validation.ManifestReader;
import dev.headroom.validation.ReadResult;
import dev.headroom.worker.SecretFiles;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headroom run FILE}: a LoadTest on this machine, no cluster needed. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a LoadTest manifest on this machine: spec.workers.replicas workers in this process,",
      "started together, merged exactly. Exit status: 0 verdict Pass, 1 verdict Fail,",
      "2 invalid manifest or options, 3 could not run."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "LoadTest manifest (YAML or JSON)")
  Path file;

  @Option(names = "--json", paramLabel = "OUT", description = "Write the result (the LoadTest status) as JSON to OUT ('-' for stdout).")
  String json;

  @Option(names = "--demo-target", description = "Start the built-in demo target on loopback and send the load there instead of spec.target.url.")
  boolean demoTarget;

  @Option(names = "--secret-dir", paramLabel = "DIR", description = "Values for spec.target.secretHeaders, read from DIR/<secret>/<key>.")
  Path secretDir;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Rows for spec.data from a ConfigMap or Secret, read from DIR/<name>/<key>.")
  Path dataDir;

  @Option(names = "--quiet", description = "No progress line.")
  boolean quiet;

  @Option(names = "--baseline", paramLabel = "OLD.json",
      description = {"Compare with an earlier run saved with --json; verdict Fail when this run regressed:",
        "worse beyond spec.regression's limits (default p99 +10%%, errors +1pp, capacity -10%%) and significantly."})
  Path baseline;

  @Option(names = "--report", paramLabel = "OUT.html",
      description = "Write the run's report, one self-contained HTML file, to OUT.html.")
  Path report;

  @Option(names = "--hlog", paramLabel = "OUT.hlog",
      description = "Write the merged latencies as an HdrHistogram interval log (HistogramLogProcessor reads it).")
  Path hlog;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReadResult read = ManifestReader.read(file);
    if (!read.isValid()) {
      err.println("headroom run: " + file + " is not a valid LoadTest:");
      read.problems().forEach(p -> err.println("  " + p));
      return ExitCodes.USAGE;
    }
    LoadTest loadTest = read.loadTest();
    DataSource data = ManifestData.beside(file, dataDir).readOnce();
    List<Problem> dataProblems = LoadTestValidator.validate(loadTest.getSpec(), data.columns());
    if (!dataProblems.isEmpty()) {
      err.println("headroom run: " + file + " is not a valid LoadTest:");
      dataProblems.forEach(p -> err.println("  " + p));
      return ExitCodes.USAGE;
    }
    RunFigures base = null;
    if (baseline != null) {
      try {
        base = SavedStatus.baseline(baseline);
      } catch (IllegalArgumentException e) {
        err.println("headroom run: --baseline: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      boolean search = loadTest.getSpec().capacity() != null;
      if (search != (base.capacity() != null)) {
        err.println("headroom run: --baseline: " + baseline + (search ? " is not a capacity search and this run is"
            : " is a capacity search and this run is not") + ": compare like with like");
        return ExitCodes.USAGE;
      }
    } else if (loadTest.getSpec().regression() != null) {
      err.println("headroom run: spec.regression is compared here only with --baseline OLD.json (a saved --json)");
    }
    Vertx vertx = GeneratorVertx.create(Runtime.getRuntime().availableProcessors());
    try {
      LoadTestSpec runSpec = loadTest.getSpec();
      if (demoTarget) {
        DemoTarget demo = DemoTarget.start(vertx, DemoTargetOptions.defaults().withPort(0)).await();
        err.println("headroom run: " + demo.describe());
        runSpec = runSpec.withTargetUrl(demo.url());
      }
      ExecutionPlan plan;
      try {
        SecretSource secrets = secretDir == null ? SecretSource.NONE : new SecretFiles(secretDir);
        plan = ExecutionPlan.compile(runSpec.plan(), secrets, data);
      } catch (IllegalArgumentException e) {
        err.println("headroom run: " + e.getMessage() + (secretDir == null ? " (use --secret-dir)" : ""));
        return ExitCodes.USAGE;
      }
      CapacityPlan capacity = runSpec.capacity() == null ? null : CapacityPlan.of(runSpec);
      ProgressLine progress = new ProgressLine(err, System.console() != null && !quiet, quiet, plan, capacity);
      LocalRun run = new LocalRun(vertx, runSpec, plan, progress);
      Thread main = Thread.currentThread();
      Thread hook = new Thread(() -> {
        run.cancel();
        try {
          main.join(plan.timeoutNanos() / 1_000_000 + 10_000);
        } catch (InterruptedException ignored) {
          Thread.currentThread().interrupt();
        }
      });
      Runtime.getRuntime().addShutdownHook(hook);
      LoadTestStatus status;
      try {
        status = run.execute();
      } finally {
        removeHook(hook);
      }
      progress.done();
      if (base != null && status.getPhase() == LoadTestPhase.Succeeded) {
        compare(runSpec.regression(), base, status);
      }
      writeFiles(loadTest.getMetadata().getName(), runSpec, status, base, err);
      out.println(dev.headroom.results.SummaryTable.render(run.report(), status.getCapacity()));
      String traces = dev.headroom.results.SummaryTable.slowestTraces(status.getSlowestTraces());
      if (!traces.isEmpty()) {
        out.println(traces);
      }
      out.println(status.getMessage());
      out.flush();
      if (json != null) {
        writeJson(status, out);
      }
      return switch (status.getPhase()) {
        case Succeeded -> status.getVerdict() == dev.headroom.api.v1alpha1.Verdict.Fail ? ExitCodes.FAILED : ExitCodes.OK;
        case Cancelled, Failed -> ExitCodes.FAILED;
        default -> ExitCodes.ERROR;
      };
    } catch (RunDriver.RunException | RunFailure e) {
      err.println("headroom run: " + e.getMessage());
      return ExitCodes.ERROR;
    } finally {
      vertx.close().await();
    }
  }

  /** The report and interval log asked for; a file that cannot be written is said, the run stands. */
  private void writeFiles(String name, LoadTestSpec runSpec, LoadTestStatus status, RunFigures base, PrintWriter err) {
    if (status.getResults() == null) {
      return;
    }
    if (hlog != null) {
      write(hlog, () -> Files.writeString(hlog, status.getResults().intervalLog()), err);
    }
    if (report != null) {
      write(report, () -> ReportFile.write(report, name, runSpec, status, base), err);
    }
  }

  private interface FileWrite {
    void run() throws IOException;
  }

  private static void write(Path file, FileWrite write, PrintWriter err) {
    try {
      write.run();
      err.println("headroom run: wrote " + file);
    } catch (IOException | RuntimeException e) {
      // The run stands, its summary and exit status too, whatever became of a file about it.
      err.println("headroom run: cannot write " + file + ": " + e.getMessage());
    }
  }

  private static void compare(Regression regression, RunFigures base, LoadTestStatus status) {
    Regression limits = regression == null ? Regression.DEFAULT : regression;
    RunFigures figures = RunFigures.of("this run", status, status.getResults().intervalLog());
    RunStatus.compared(status, RegressionJudge.judge(limits, base, figures), status.getCompletionTime(), null);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: it waits for this thread, so leave it be.
    }
  }

  private void writeJson(LoadTestStatus status, PrintWriter out) throws Exception {
    ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    byte[] bytes = mapper.writeValueAsBytes(status);
    if (json.equals("-")) {
      out.println(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
      out.flush();
    } else {
      Files.write(Path.of(json), bytes);
    }
  }
}
