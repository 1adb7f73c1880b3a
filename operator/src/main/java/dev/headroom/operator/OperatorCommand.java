package dev.headroom.operator;

import dev.headroom.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code headroom operator}: runs LoadTests and LoadTestSchedules on the cluster of the current kubeconfig or pod. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the LoadTest operator until stopped, on the cluster of the current",
      "kubeconfig (in a pod: of its service account). Settings, from the environment:",
      "  HEADROOM_WORKER_IMAGE          worker image unless a spec names one",
      "  HEADROOM_WATCH_NAMESPACES      comma list; empty watches all namespaces",
      "  HEADROOM_POLICY_ALLOWED_HOSTS  comma list of target host patterns (*.svc); empty allows any",
      "  HEADROOM_POLICY_MAX_RATE       most requests/s a LoadTest may ask for in total",
      "  HEADROOM_POLICY_MAX_WORKERS    most workers per LoadTest",
      "  HEADROOM_LEADER_ELECTION       true to run several replicas (lease in POD_NAMESPACE)",
      "  HEADROOM_METRICS_PORT          Prometheus /metrics (8080)",
      "  HEADROOM_HEALTH_PORT           /healthz and /readyz (8081)",
      "  HEADROOM_BIND                  their address (HEADROOM_POD_IP, else all)",
      "  HEADROOM_READY_TIMEOUT         how long workers may take to become ready (5m)",
      "  HEADROOM_CHECKPOINT_INTERVAL   how often running results are checkpointed (30s)",
      "  HEADROOM_METRICS_RETENTION     how long a finished run's live metrics stay (5m)",
      "  HEADROOM_CLOCK_FILE            tests only: schedules take the instant in this file as now"
    })
public final class OperatorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Where the settings come from; tests give their own. */
  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws Exception {
    // Before any logger of ours exists: the operator says what it does; the CLI default is quiet.
    System.setProperty("org.slf4j.simpleLogger.log.dev.headroom", "info");
    System.setProperty("org.slf4j.simpleLogger.log.io.javaoperatorsdk.operator.Operator", "info");
    PrintWriter err = spec.commandLine().getErr();
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnv(env);
    } catch (OperatorConfig.Invalid e) {
      err.println("headroom operator: cannot start with these settings:");
      e.problems().forEach(p -> err.println("  " + p));
      err.flush();
      return ExitCodes.USAGE;
    }
    OperatorRuntime runtime;
    try {
      runtime = OperatorRuntime.start(config);
    } catch (Exception e) {
      err.println("headroom operator: cannot start: " + causes(e));
      err.flush();
      return ExitCodes.ERROR;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      stopped.countDown();
    }, "headroom-operator-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }

  /** "Error starting operator: ConnectException: UnresolvedAddressException": what went wrong, to the root. */
  static String causes(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 6; t = t.getCause() == t ? null : t.getCause()) {
      String part = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
      if (parts.isEmpty() || !parts.get(parts.size() - 1).contains(part)) {
        parts.add(part);
      }
    }
    return String.join(": ", parts);
  }
}
