package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tells a process where its volume mounts are, since it cannot see container paths such as
 * {@code /etc/config}: one variable per mount ({@code HEADROOM_MOUNT_ETC_CONFIG=<dir>}) and
 * {@code HEADROOM_MOUNTS=<file>}, a JSON object of mount path → directory. For the ServiceAccount
 * mount it also sets the variables Fabric8's in-cluster configuration reads, so a Fabric8 client
 * authenticates with the pod's token and trusts the cluster CA.
 */
final class MountEnvironment {

  static final String SERVICE_ACCOUNT_MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
  static final String MOUNTS_VARIABLE = "HEADROOM_MOUNTS";
  static final String MOUNT_PREFIX = "HEADROOM_MOUNT_";

  private MountEnvironment() {
  }

  /** Mount path → directory for a container's volume mounts ({@code subPath} included). */
  static Map<String, Path> mounts(Container container, Map<String, Path> volumeDirs) throws ContainerConfigException {
    Map<String, Path> mounts = new LinkedHashMap<>();
    if (container.getVolumeMounts() == null) {
      return mounts;
    }
    for (VolumeMount mount : container.getVolumeMounts()) {
      Path dir = volumeDirs.get(mount.getName());
      if (dir == null) {
        throw new ContainerConfigException("volumeMount " + mount.getMountPath() + ": no volume named " + mount.getName());
      }
      String subPath = mount.getSubPath();
      mounts.put(mount.getMountPath(), subPath == null || subPath.isEmpty() ? dir : dir.resolve(subPath));
    }
    return mounts;
  }

  /** The variables for {@code mounts}; {@code mountsFile} is where the caller writes {@link #json}. */
  static Map<String, String> variables(Map<String, Path> mounts, Path mountsFile) {
    Map<String, String> env = new LinkedHashMap<>();
    mounts.forEach((mountPath, dir) -> env.put(variableName(mountPath), dir.toString()));
    env.put(MOUNTS_VARIABLE, mountsFile.toString());
    Path serviceAccount = mounts.get(SERVICE_ACCOUNT_MOUNT);
    if (serviceAccount != null) {
      env.put("KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", serviceAccount.resolve("token").toString());
      env.put("KUBERNETES_CERTS_CA_FILE", serviceAccount.resolve("ca.crt").toString());
      env.put("KUBENAMESPACE", serviceAccount.resolve("namespace").toString());
    }
    return env;
  }

  /** {@code /var/run/secrets/kubernetes.io/serviceaccount} → {@code HEADROOM_MOUNT_VAR_RUN_SECRETS_KUBERNETES_IO_SERVICEACCOUNT}. */
  static String variableName(String mountPath) {
    String sanitised = mountPath.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
    return MOUNT_PREFIX + sanitised;
  }

  /** The JSON object of mount path → directory. */
  static String json(Map<String, Path> mounts) {
    Map<String, String> plain = new LinkedHashMap<>();
    mounts.forEach((k, v) -> plain.put(k, v.toString()));
    return Json.write(plain);
  }
}
