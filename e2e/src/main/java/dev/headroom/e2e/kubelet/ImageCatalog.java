package dev.headroom.e2e.kubelet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images this kubelet can "run": each known image repository maps to a local entrypoint.
 * The registry, tag and digest of an image reference are ignored, so {@code ghcr.io/x/headroom-worker:1.2}
 * and {@code headroom-worker@sha256:...} both run the worker jar.
 */
final class ImageCatalog {

  static final String UNKNOWN_IMAGE_MESSAGE =
      "process kubelet runs only headroom-worker and headroom-operator images";

  private final Map<String, List<String>> entrypoints;

  ImageCatalog(Map<String, List<String>> entrypoints) {
    this.entrypoints = Map.copyOf(entrypoints);
  }

  /** The catalogue of the Headroom images: {@code java -jar <jar>} for the worker and the operator. */
  static ImageCatalog headroom(String javaCommand, Path workerJar, Path operatorJar) {
    return new ImageCatalog(Map.of(
        "headroom-worker", List.of(javaCommand, "-jar", workerJar.toString()),
        "headroom-operator", List.of(javaCommand, "-jar", operatorJar.toString())));
  }

  /** The entrypoint for an image reference, if this kubelet knows the image. */
  Optional<List<String>> entrypoint(String image) {
    return Optional.ofNullable(entrypoints.get(repositoryName(image)));
  }

  /** The last path element of an image reference, without tag or digest: {@code a.io/b/c:1} gives {@code c}. */
  static String repositoryName(String image) {
    String name = image == null ? "" : image.trim();
    int digest = name.indexOf('@');
    if (digest >= 0) {
      name = name.substring(0, digest);
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon > slash) {
      name = name.substring(0, colon);
    }
    return name.substring(slash + 1);
  }
}
