package dev.headroom.api.v1alpha1;

/** What a schedule does when it fires while its last run is still going. */
public enum ConcurrencyPolicy {
  /** Skip this firing and record the skip. */
  Forbid,
  /** Cancel the running run (delete its LoadTest) and start the new one. */
  Replace
}
