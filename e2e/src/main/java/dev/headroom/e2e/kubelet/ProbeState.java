package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Probe;

/**
 * The threshold logic of one probe on one container run: it turns successful after
 * {@code successThreshold} successes in a row and failed after {@code failureThreshold} failures in
 * a row. Readiness starts out failed; liveness and startup start out successful and unknown.
 */
final class ProbeState {

  private final int successThreshold;
  private final int failureThreshold;
  private int successes;
  private int failures;
  private boolean passing;

  ProbeState(Probe probe, boolean initiallyPassing) {
    this.successThreshold = positive(probe.getSuccessThreshold(), 1);
    this.failureThreshold = positive(probe.getFailureThreshold(), 3);
    this.passing = initiallyPassing;
  }

  /** Records a result; returns true if the verdict changed. */
  synchronized boolean record(boolean success) {
    boolean before = passing;
    if (success) {
      failures = 0;
      successes++;
      if (successes >= successThreshold) {
        passing = true;
      }
    } else {
      successes = 0;
      failures++;
      if (failures >= failureThreshold) {
        passing = false;
      }
    }
    return before != passing;
  }

  synchronized boolean passing() {
    return passing;
  }

  static int positive(Integer value, int fallback) {
    return value == null || value < 1 ? fallback : value;
  }
}
