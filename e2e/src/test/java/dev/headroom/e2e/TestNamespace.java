package dev.headroom.e2e;

/**
 * A namespace made for one test by {@link ClusterExtension} (declare it as a test method parameter);
 * it is deleted when the test ends.
 */
public record TestNamespace(String name) {

  @Override
  public String toString() {
    return name;
  }
}
