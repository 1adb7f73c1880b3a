package dev.headroom.plan;

/**
 * One thing wrong with a manifest or plan: the field's path ({@code spec.load.stages[0].rate},
 * empty for the document as a whole) and what is wrong with it, phrased for the user who wrote it.
 */
public record Problem(String path, String message) {

  public static Problem at(FieldPath path, String message) {
    return new Problem(path.text(), message);
  }

  /** {@code path: message}, the form the CLI prints and the operator writes to status. */
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
