package dev.headroom.e2e.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageCatalogTest {

  private final ImageCatalog catalog = ImageCatalog.headroom("/jdk/bin/java", Path.of("/w.jar"), Path.of("/o.jar"));

  @Test
  void repositoryNameIgnoresRegistryTagAndDigest() {
    assertEquals("headroom-worker", ImageCatalog.repositoryName("headroom-worker"));
    assertEquals("headroom-worker", ImageCatalog.repositoryName("headroom-worker:0.1.0"));
    assertEquals("headroom-worker", ImageCatalog.repositoryName("registry.example:5000/team/headroom-worker:1.2"));
    assertEquals("headroom-operator", ImageCatalog.repositoryName("ghcr.io/x/headroom-operator@sha256:abc"));
  }

  @Test
  void knownImagesRunTheirJarsAndOthersAreUnknown() {
    assertEquals(List.of("/jdk/bin/java", "-jar", "/w.jar"), catalog.entrypoint("ghcr.io/a/headroom-worker:1").orElseThrow());
    assertEquals(List.of("/jdk/bin/java", "-jar", "/o.jar"), catalog.entrypoint("headroom-operator").orElseThrow());
    assertTrue(catalog.entrypoint("nginx:1.27").isEmpty());
    assertTrue(catalog.entrypoint("localhost:5000/nginx").isEmpty());
  }
}
