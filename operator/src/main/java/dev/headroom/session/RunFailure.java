package dev.headroom.session;

/**
 * The run cannot go on: its workers did not become ready or fell out of step, one was lost under
 * failure policy {@code Fail}, or its inputs are gone. The operator turns it into phase {@code
 * Failed} with {@link #reason()}; {@code headroom run} prints it and exits 3.
 */
public final class RunFailure extends RuntimeException {

  private final String reason;

  public RunFailure(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** CamelCase, as Kubernetes writes reasons. */
  public String reason() {
    return reason;
  }
}
