package dev.headroom.har;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ManifestWriterTest {

  @Test
  void theNameComesFromTheFileAsAKubernetesNameThatFitsAWorkerJob() {
    assertEquals("shop-checkout", ManifestWriter.nameFor("Shop Checkout.har"));
    assertEquals("www-shop-example", ManifestWriter.nameFor("www.shop.example.HAR"));
    assertEquals("har-import", ManifestWriter.nameFor("___.har"));
    String name = ManifestWriter.nameFor("x".repeat(47) + "-y.har");
    assertEquals("x".repeat(47), name);
  }
}
