package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * One container of a pod across its restarts: the current process, how the last run ended, the
 * restart back-off and the probes. Owned by the pod's worker thread; probe threads only touch the
 * {@link ProbeState}s and {@link #livenessFailed}.
 */
final class ContainerRun {

  /** First restart delay; doubles per restart up to {@link #MAX_BACKOFF} (a real kubelet uses 10 s and 5 min). */
  static final Duration BASE_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  final Container spec;
  volatile ContainerProcess process;
  Map<String, String> env;
  Path workDir;
  ContainerSnapshot.Termination terminated;
  ContainerSnapshot.Termination lastTermination;
  ContainerSnapshot.Waiting waiting;
  int restartCount;
  int runs;
  Instant notBefore = Instant.EPOCH;
  ProbeState readiness;
  ProbeState startup;
  volatile boolean livenessFailed;
  final List<ScheduledFuture<?>> probes = new ArrayList<>();

  ContainerRun(Container spec) {
    this.spec = spec;
  }

  String name() {
    return spec.getName();
  }

  boolean isRunning() {
    return process != null;
  }

  boolean hasSucceeded() {
    return terminated != null && terminated.exitCode() == 0;
  }

  boolean neverStarted() {
    return runs == 0;
  }

  boolean isStarted() {
    return isRunning() && (startup == null || startup.passing());
  }

  boolean isReady() {
    return isStarted() && (readiness == null || readiness.passing());
  }

  /** Records the end of the current process and stops its probes. */
  void exited(Instant now) {
    String id = containerId();
    terminated = ContainerSnapshot.Termination.of(process.exitCode(), process.startedAt(), now, id);
    process = null;
    cancelProbes();
  }

  void cancelProbes() {
    probes.forEach(f -> f.cancel(false));
    probes.clear();
    readiness = null;
    startup = null;
    livenessFailed = false;
  }

  /** The delay before the next restart, doubling with every restart. */
  Duration backoff() {
    long factor = 1L << Math.min(restartCount, 10);
    Duration delay = BASE_BACKOFF.multipliedBy(factor);
    return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
  }

  String containerId() {
    return process == null ? (terminated == null ? null : terminated.containerId()) : "process://" + process.pid();
  }

  ContainerSnapshot snapshot(String image) {
    ContainerSnapshot.Waiting shownWaiting = process == null && terminated == null
        ? (waiting == null ? new ContainerSnapshot.Waiting("ContainerCreating", null) : waiting)
        : (process == null && waiting != null ? waiting : null);
    // A container waiting to restart shows the waiting state, its last run in lastState.
    ContainerSnapshot.Termination shownTerminated = process == null && shownWaiting == null ? terminated : null;
    ContainerSnapshot.Termination last = shownWaiting != null && terminated != null ? terminated : lastTermination;
    return new ContainerSnapshot(name(), image, shownWaiting,
        process == null ? null : process.startedAt(), shownTerminated, last,
        restartCount, isReady(), isStarted(), containerId());
  }
}
