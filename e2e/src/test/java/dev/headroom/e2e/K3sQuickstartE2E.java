package dev.headroom.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * Tier 4: the quickstart in a real cluster with real containers (K3s via Testcontainers). Runs only
 * where a Docker engine is available; elsewhere every test is reported as skipped, never as passed.
 */
class K3sQuickstartE2E {

  static final String NO_DOCKER = "K3s tier skipped: no Docker engine on this machine";

  /** Per test, not per class: a class-level abort would leave the tests out of the counts. */
  @BeforeEach
  void requireDocker() {
    if (!dockerAvailable()) {
      System.err.println(NO_DOCKER);
      Assumptions.abort(NO_DOCKER);
    }
  }

  /** Asks Testcontainers only when an engine could be there, so a machine without one gets one line, not a probe log. */
  private static boolean dockerAvailable() {
    boolean configured = System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of("/var/run/docker.sock"))
        || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    return configured && DockerClientFactory.instance().isDockerAvailable();
  }

  @Test
  void quickstartRunsInK3s() {
    // TODO(chart): this scenario depends on the Helm chart (helm/headroom) and the Jib image tars of the
    //  operator and the worker, which do not exist yet. When they do: start a K3sContainer, import both
    //  image tars into its containerd, `helm install` the chart with the kubeconfig the container gives,
    //  `kubectl apply -f examples/quickstart.yaml`, and await the LoadTest's status verdict.
    Assumptions.abort("K3s quickstart not written yet: it needs the Helm chart (helm/headroom) and the Jib image tars");
  }
}
