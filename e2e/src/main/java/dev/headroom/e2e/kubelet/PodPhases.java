package dev.headroom.e2e.kubelet;

import java.util.List;

/** A pod's phase from its containers' states, following the kubelet's rules. */
final class PodPhases {

  static final String PENDING = "Pending";
  static final String RUNNING = "Running";
  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";

  private PodPhases() {
  }

  /**
   * @param initialized     every init container has succeeded
   * @param initFailed      an init container failed and will not be retried
   * @param willRestart     a stopped main container is going to be started again (restart policy)
   */
  static String of(String restartPolicy, boolean initialized, boolean initFailed, List<ContainerSnapshot> containers,
                   boolean willRestart) {
    if (initFailed) {
      return FAILED;
    }
    if (!initialized) {
      return PENDING;
    }
    int running = 0;
    int waitingFirstStart = 0;
    int stopped = 0;
    int succeeded = 0;
    for (ContainerSnapshot c : containers) {
      if (c.isRunning()) {
        running++;
      } else if (c.isTerminated()) {
        stopped++;
        if (c.terminated().exitCode() == 0) {
          succeeded++;
        }
      } else if (c.lastTermination() == null) {
        waitingFirstStart++;
      } else {
        // Waiting to restart after a run: counts as running, as in Kubernetes.
        running++;
      }
    }
    if (waitingFirstStart > 0) {
      return PENDING;
    }
    if (running > 0) {
      return RUNNING;
    }
    if (stopped > 0) {
      if (willRestart || "Always".equals(restartPolicy)) {
        return RUNNING;
      }
      return stopped == succeeded ? SUCCEEDED : FAILED;
    }
    return PENDING;
  }

  static boolean isTerminal(String phase) {
    return SUCCEEDED.equals(phase) || FAILED.equals(phase);
  }
}
