package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Lookups over a pod's containers. */
final class PodContainers {

  private PodContainers() {
  }

  static List<Container> init(Pod pod) {
    return pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
  }

  static List<Container> main(Pod pod) {
    return pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
  }

  static Optional<Container> named(Pod pod, String name) {
    return Stream.concat(init(pod).stream(), main(pod).stream()).filter(c -> name.equals(c.getName())).findFirst();
  }
}
