package dev.headroom.cli;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.operator.EndpointServer;
import dev.headroom.operator.ReportRoutes;
import dev.headroom.operator.kube.KubernetesCluster;
import dev.headroom.results.RunFigures;
import dev.headroom.validation.ManifestReader;
import dev.headroom.validation.ReadResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code headroom report}: the report of a run saved with {@code headroom run --json}, or of a
 * LoadTest's run on the cluster of the current kubeconfig (drawn as the operator draws it).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Renders the HTML report of a run saved with headroom run --json, or with --loadtest of a",
      "LoadTest's run kept on the cluster of the current kubeconfig. Exit status: 0 written,",
      "2 bad input or no such run, 3 could not write or reach the cluster."
    })
final class ReportCommand implements Callable<Integer> {

  private static final Pattern LOADTEST = Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?)(?:/([1-9][0-9]{0,8}))?");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "STATUS.json", arity = "0..1", description = "A status saved by headroom run --json.")
  Path status;

  @Option(names = "--loadtest", paramLabel = "NAME[/RUN]",
      description = "A LoadTest on the cluster instead: its latest run, or run RUN.")
  String loadTest;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
      description = "The LoadTest's namespace; default: the kubeconfig's.")
  String namespace;

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
    if ((status == null) == (loadTest == null)) {
      err.println("headroom report: give a saved STATUS.json or --loadtest NAME[/RUN], one of the two");
      return ExitCodes.USAGE;
    }
    if (loadTest != null && (manifest != null || baseline != null)) {
      err.println("headroom report: --manifest and --baseline are for a saved STATUS.json; with --loadtest the"
          + " run's own spec and baseline are drawn");
      return ExitCodes.USAGE;
    }
    return loadTest != null ? fromCluster(err) : fromFile(err);
  }

  /** The run's page exactly as the operator serves it, read through the kubeconfig's cluster. */
  private int fromCluster(PrintWriter err) {
    Matcher m = LOADTEST.matcher(loadTest);
    if (!m.matches()) {
      err.println("headroom report: --loadtest: '" + loadTest + "' is not NAME or NAME/RUN");
      return ExitCodes.USAGE;
    }
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      String ns = namespace != null ? namespace : client.getNamespace();
      String name = m.group(1);
      Integer run = m.group(3) != null ? Integer.valueOf(m.group(3)) : latestRun(client, ns, name);
      if (run == null) {
        err.println("headroom report: LoadTest " + ns + "/" + name + " has no run");
        return ExitCodes.USAGE;
      }
      EndpointServer.Reply page = new ReportRoutes(new KubernetesCluster(client, Clock.systemUTC()), Set.of())
          .answer(ReportRoutes.PREFIX + ns + "/" + name + "/" + run);
      if (page == null) {
        err.println("headroom report: no results kept for run " + run + " of LoadTest " + ns + "/" + name);
        return ExitCodes.USAGE;
      }
      Files.writeString(output, page.body(), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      err.println("headroom report: the run's results cannot be read: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (KubernetesClientException e) {
      err.println("headroom report: cannot read the cluster: " + e.getMessage());
      return ExitCodes.ERROR;
    } catch (IOException e) {
      err.println("headroom report: cannot write " + output + ": " + e.getMessage());
      return ExitCodes.ERROR;
    }
    err.println("headroom report: wrote " + output);
    return ExitCodes.OK;
  }

  private static Integer latestRun(KubernetesClient client, String namespace, String name) {
    LoadTest lt = client.resources(LoadTest.class).inNamespace(namespace).withName(name).get();
    return lt == null || lt.getStatus() == null ? null : lt.getStatus().getRun();
  }

  private int fromFile(PrintWriter err) {
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
    } catch (RuntimeException e) {
      // A status cut short or edited by hand: say so in one line rather than with a stack trace.
      err.println("headroom report: " + status + ": cannot be drawn: " + e.getMessage());
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
