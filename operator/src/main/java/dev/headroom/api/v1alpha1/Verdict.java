package dev.headroom.api.v1alpha1;

/** The outcome of a finished run against its thresholds (and required headroom). */
public enum Verdict {
  Pass,
  Fail
}
