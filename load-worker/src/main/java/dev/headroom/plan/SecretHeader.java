package dev.headroom.plan;

/**
 * A header whose value lives in a Kubernetes Secret. The plan only names the Secret; the value is
 * mounted into the worker and never written to the plan, status, logs or reports.
 */
public record SecretHeader(String name, SecretKeyRef secretKeyRef) {

  /** Which key of which Secret (in the LoadTest's namespace). */
  public record SecretKeyRef(String name, String key) {}
}
