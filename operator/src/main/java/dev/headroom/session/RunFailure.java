package dev.headroom.operator.run;

/**
 * The run cannot go on: its workers did not become ready, one was lost under failure policy
 * {@code Fail}, or its inputs are gone. Thrown by a step, turned into phase {@code Failed} with
 * {@link #reason()} by the reconciler.
 */
public final class RunFailure extends RuntimeException {

  private final String reason;

  public RunFailure(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public RunFailure(WorkerFaults.Fault fault) {
    this(fault.reason(), fault.message());
  }

  /** CamelCase, as Kubernetes writes reasons. */
  public String reason() {
    return reason;
  }
}
