package dev.headroom.e2e.operator;

/**
 * A short open-model LoadTest against the demo target, for tests that need a run but not an
 * example: one request, one constant stage, no warmup, so it plans exactly {@code rate × seconds}
 * requests.
 *
 * @param failurePolicy {@code workers.failurePolicy}, or null for the default
 * @param extra further {@code spec} fields, as YAML lines indented by two spaces
 */
record ShortRun(String name, int replicas, int rate, int seconds, String failurePolicy, String extra) {

  static ShortRun of(String name, int replicas, int rate, int seconds) {
    return new ShortRun(name, replicas, rate, seconds, null, "");
  }

  ShortRun failurePolicy(String policy) {
    return new ShortRun(name, replicas, rate, seconds, policy, extra);
  }

  /** With one more {@code spec} field, such as {@code thresholds: [{metric: p50, max: 1ms}]}. */
  ShortRun with(String specField) {
    return new ShortRun(name, replicas, rate, seconds, failurePolicy, extra + "  " + specField + "\n");
  }

  long planned() {
    return (long) rate * seconds;
  }

  String yaml() {
    return """
        apiVersion: headroom.dev/v1alpha1
        kind: LoadTest
        metadata: {name: %s}
        spec:
          target: {url: "http://demo-target:8080", timeout: 2s}
          requests: [{name: browse, path: /products}]
          load: {stages: [{duration: %ds, rate: %d}]}
          workers: {replicas: %d%s}
        """.formatted(name, seconds, rate, replicas, failurePolicy == null ? "" : ", failurePolicy: " + failurePolicy)
        + extra;
  }
}
