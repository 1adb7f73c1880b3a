package dev.headroom.api.v1alpha1;

/** Where a run of a {@link LoadTest} is in its life. */
public enum LoadTestPhase {
  /** Accepted, nothing created yet. */
  Pending,
  /** Worker pods are being created and becoming ready. */
  Starting,
  /** Workers are sending load. */
  Running,
  /** The run ended and its results were merged; see the verdict for pass or fail. */
  Succeeded,
  /** The run could not be carried out (bad spec, workers lost under failurePolicy Fail). */
  Failed,
  /** Stopped by the user before its end. */
  Cancelled;

  /** Succeeded, Failed or Cancelled: the run is over. False for null (not looked at yet). */
  public static boolean finished(LoadTestPhase phase) {
    return phase == Succeeded || phase == Failed || phase == Cancelled;
  }
}
