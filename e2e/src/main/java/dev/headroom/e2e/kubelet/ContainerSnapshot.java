package dev.headroom.e2e.kubelet;

import java.time.Instant;

/**
 * What one container is doing at a moment, the input of {@link PodStatusFactory}. Exactly one of
 * {@code waiting}, {@code runningSince} and {@code terminated} is set.
 */
record ContainerSnapshot(
    String name,
    String image,
    Waiting waiting,
    Instant runningSince,
    Termination terminated,
    Termination lastTermination,
    int restartCount,
    boolean ready,
    boolean started,
    String containerId) {

  /** Why a container is not running yet. */
  record Waiting(String reason, String message) {
  }

  /** How a container run ended. */
  record Termination(int exitCode, String reason, String message, Instant startedAt, Instant finishedAt, String containerId) {

    static Termination of(int exitCode, Instant startedAt, Instant finishedAt, String containerId) {
      return new Termination(exitCode, exitCode == 0 ? "Completed" : "Error", null, startedAt, finishedAt, containerId);
    }
  }

  boolean isRunning() {
    return runningSince != null;
  }

  boolean isTerminated() {
    return terminated != null;
  }
}
