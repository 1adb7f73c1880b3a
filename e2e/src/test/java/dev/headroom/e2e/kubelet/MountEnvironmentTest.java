package dev.headroom.e2e.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MountEnvironmentTest {

  @Test
  void variableNamesAreSanitisedMountPaths() {
    assertEquals("HEADROOM_MOUNT_VAR_RUN_SECRETS_KUBERNETES_IO_SERVICEACCOUNT",
        MountEnvironment.variableName("/var/run/secrets/kubernetes.io/serviceaccount"));
    assertEquals("HEADROOM_MOUNT_ETC_HEADROOM_PLAN", MountEnvironment.variableName("/etc/headroom-plan/"));
  }

  @Test
  void serviceAccountMountAlsoConfiguresFabric8() throws Exception {
    Container container = new ContainerBuilder()
        .addNewVolumeMount().withName("token").withMountPath(MountEnvironment.SERVICE_ACCOUNT_MOUNT).endVolumeMount()
        .addNewVolumeMount().withName("cfg").withMountPath("/etc/cfg").withSubPath("sub").endVolumeMount()
        .build();
    Map<String, Path> mounts = MountEnvironment.mounts(container, Map.of("token", Path.of("/s/token"), "cfg", Path.of("/s/cfg")));
    Map<String, String> env = MountEnvironment.variables(mounts, Path.of("/s/mounts.json"));

    assertEquals("/s/cfg/sub", env.get("HEADROOM_MOUNT_ETC_CFG"));
    assertEquals("/s/mounts.json", env.get("HEADROOM_MOUNTS"));
    assertEquals("/s/token/token", env.get("KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN"));
    assertEquals("/s/token/ca.crt", env.get("KUBERNETES_CERTS_CA_FILE"));
    assertEquals("{\"/var/run/secrets/kubernetes.io/serviceaccount\":\"/s/token\",\"/etc/cfg\":\"/s/cfg/sub\"}",
        MountEnvironment.json(mounts));
  }

  @Test
  void withoutServiceAccountMountThereIsNoToken() throws Exception {
    Map<String, String> env = MountEnvironment.variables(Map.of(), Path.of("/m.json"));
    assertFalse(env.containsKey("KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN"));
  }

  @Test
  void aMountOfAnUnknownVolumeNamesIt() {
    Container container = new ContainerBuilder().addNewVolumeMount().withName("ghost").withMountPath("/x").endVolumeMount().build();
    ContainerConfigException e = assertThrows(ContainerConfigException.class, () -> MountEnvironment.mounts(container, Map.of()));
    assertEquals("volumeMount /x: no volume named ghost", e.getMessage());
  }
}
