package dev.headroom.plan;

/**
 * Where a field sits in a manifest or plan, in the {@code a.b[0].c} form that problems are
 * reported at and that users search their file for. The root is the empty path.
 */
public record FieldPath(String text) {

  public static final FieldPath ROOT = new FieldPath("");

  /** The path {@code prefix} ({@code "spec"}), or the root when it is null or empty. */
  public static FieldPath of(String prefix) {
    return prefix == null || prefix.isEmpty() ? ROOT : new FieldPath(prefix);
  }

  public FieldPath field(String name) {
    return new FieldPath(text.isEmpty() ? name : text + "." + name);
  }

  public FieldPath index(int i) {
    return new FieldPath(text + "[" + i + "]");
  }

  /** True when {@code path} is this path or a field or element below it. */
  public boolean contains(String path) {
    return text.isEmpty()
        || path.equals(text)
        || path.startsWith(text + ".")
        || path.startsWith(text + "[");
  }

  @Override
  public String toString() {
    return text;
  }
}
