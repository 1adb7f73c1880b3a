package dev.headroom.e2e.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessEnvironmentTest {

  private final ProcessEnvironment environment = new ProcessEnvironment(
      Map.of("PATH", "/bin", "KUBECONFIG", "/root/admin.kubeconfig", "HEADROOM_E2E_CLUSTER", "/tmp/c", "SECRET", "x"),
      URI.create("https://127.0.0.1:16443"));
  private final Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").endMetadata().build();

  @Test
  void baseHasTheApiServerAndNothingOfTheKubeletsCredentials() {
    Map<String, String> base = environment.base(pod, Path.of("/state/pods/u/home"));

    assertEquals("127.0.0.1", base.get("KUBERNETES_SERVICE_HOST"));
    assertEquals("16443", base.get("KUBERNETES_SERVICE_PORT"));
    assertEquals("/state/pods/u/home", base.get("HOME"));
    assertEquals("p", base.get("HOSTNAME"));
    assertEquals("/bin", base.get("PATH"));
    assertEquals("/tmp/c", base.get("HEADROOM_E2E_CLUSTER"), "e2e/cluster down finds pod processes by this mark");
    assertFalse(base.containsKey("KUBECONFIG"));
    assertFalse(base.containsKey("SECRET"));
  }

  @Test
  void javaOptionsAddHostsFileAndLimitsToThePodsOwn() {
    Container container = new ContainerBuilder().withNewResources()
        .addToLimits("memory", new Quantity("512Mi")).addToLimits("cpu", new Quantity("1500m")).endResources().build();

    Map<String, String> env = environment.finish(container, Map.of("JAVA_TOOL_OPTIONS", "-Xss1m"), "127.0.1.4",
        Map.of("HEADROOM_MOUNTS", "/m.json"), Path.of("/state/hosts/ns"));

    assertEquals("127.0.1.4", env.get("HEADROOM_POD_IP"));
    assertEquals("/m.json", env.get("HEADROOM_MOUNTS"));
    assertEquals("-Xss1m -Djdk.net.hosts.file=/state/hosts/ns -Dvertx.disableDnsResolver=true"
        + " -Dsun.net.inetaddr.ttl=1 -Dsun.net.inetaddr.negative.ttl=0 -XX:MaxRAM=536870912 -XX:ActiveProcessorCount=2",
        env.get("JAVA_TOOL_OPTIONS"));
  }
}
