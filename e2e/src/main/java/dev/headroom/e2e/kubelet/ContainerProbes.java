package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.concurrent.TimeUnit;

/**
 * Schedules a container run's startup, readiness and liveness probes. Results go to the run's
 * {@link ProbeState}s; a change of verdict wakes the pod's worker, a failed liveness or startup
 * probe marks the run for a restart. Failures are Warning events, once per streak and per new reason.
 */
final class ContainerProbes {

  private ContainerProbes() {
  }

  static void start(NodeServices node, Pod pod, ContainerRun run, String podIp, Runnable wake) {
    Container spec = run.spec;
    if (spec.getStartupProbe() != null) {
      run.startup = new ProbeState(spec.getStartupProbe(), false);
      schedule(node, pod, run, podIp, wake, spec.getStartupProbe(), Kind.STARTUP, run.startup);
    }
    if (spec.getReadinessProbe() != null) {
      run.readiness = new ProbeState(spec.getReadinessProbe(), false);
      schedule(node, pod, run, podIp, wake, spec.getReadinessProbe(), Kind.READINESS, run.readiness);
    }
    if (spec.getLivenessProbe() != null) {
      schedule(node, pod, run, podIp, wake, spec.getLivenessProbe(), Kind.LIVENESS, new ProbeState(spec.getLivenessProbe(), true));
    }
  }

  private enum Kind {
    STARTUP("Startup"), READINESS("Readiness"), LIVENESS("Liveness");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  private static void schedule(NodeServices node, Pod pod, ContainerRun run, String podIp, Runnable wake,
                               Probe probe, Kind kind, ProbeState state) {
    long initialDelay = probe.getInitialDelaySeconds() == null ? 0 : Math.max(0, probe.getInitialDelaySeconds());
    long period = ProbeState.positive(probe.getPeriodSeconds(), 10);
    ContainerProcess process = run.process;
    Runnable task = new Runnable() {
      private int failuresInRow;
      private String lastFailure;

      @Override
      public void run() {
        if (!process.isAlive()) {
          return;
        }
        // Readiness and liveness wait for the startup probe; a passed startup probe is done.
        if (kind != Kind.STARTUP && run.startup != null && !run.startup.passing()) {
          return;
        }
        if (kind == Kind.STARTUP && state.passing()) {
          return;
        }
        ProbeCheck.Result result = node.probeCheck().run(probe, run.spec, podIp, run.env, run.workDir);
        failuresInRow = result.success() ? 0 : failuresInRow + 1;
        if (failuresInRow == 1 || (failuresInRow > 1 && !result.message().equals(lastFailure))) {
          node.events().warning(pod, "Unhealthy", kind.label + " probe failed: " + result.message());
        }
        lastFailure = result.success() ? null : result.message();
        boolean changed = state.record(result.success());
        if (changed && !state.passing() && kind != Kind.READINESS) {
          run.livenessFailed = true;
        }
        if (changed) {
          wake.run();
        }
      }
    };
    run.probes.add(node.probeScheduler().scheduleWithFixedDelay(task, initialDelay, period, TimeUnit.SECONDS));
  }
}
