package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a pod's volumes as directories: ConfigMap, Secret, emptyDir, downwardAPI and projected
 * volumes (ServiceAccount tokens from the TokenRequest API). A hostPath volume is the host directory itself.
 * Contents are written once, when the pod starts; later changes to the sources are not reflected.
 */
final class VolumeWriter {

  private static final int DEFAULT_MODE = 0644;
  private static final long DEFAULT_TOKEN_SECONDS = 3600;

  private final ClusterObjects objects;
  private final Map<String, Quantity> nodeAllocatable;

  VolumeWriter(ClusterObjects objects, Map<String, Quantity> nodeAllocatable) {
    this.objects = objects;
    this.nodeAllocatable = nodeAllocatable;
  }

  /** Writes every volume of the pod under {@code volumesDir}; returns volume name → directory. */
  Map<String, Path> write(Pod pod, Path volumesDir, FieldPaths.Addresses addresses) throws ContainerConfigException {
    Map<String, Path> dirs = new LinkedHashMap<>();
    List<Volume> volumes = pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
    for (Volume volume : volumes) {
      if (volume.getHostPath() != null) {
        dirs.put(volume.getName(), Path.of(volume.getHostPath().getPath()));
        continue;
      }
      Path dir = volumesDir.resolve(volume.getName());
      Map<String, FileContent> files = contents(pod, volume, addresses);
      try {
        Files.createDirectories(dir);
        for (Map.Entry<String, FileContent> file : files.entrySet()) {
          writeFile(dir, file.getKey(), file.getValue());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write volume " + volume.getName() + " in " + dir, e);
      }
      dirs.put(volume.getName(), dir);
    }
    return dirs;
  }

  private record FileContent(byte[] bytes, int mode) {
  }

  private Map<String, FileContent> contents(Pod pod, Volume volume, FieldPaths.Addresses addresses) throws ContainerConfigException {
    Map<String, FileContent> files = new LinkedHashMap<>();
    String namespace = pod.getMetadata().getNamespace();
    if (volume.getEmptyDir() != null) {
      return files;
    }
    if (volume.getConfigMap() != null) {
      var source = volume.getConfigMap();
      addConfigMap(files, namespace, source.getName(), source.getItems(), source.getOptional(), mode(source.getDefaultMode()));
    } else if (volume.getSecret() != null) {
      var source = volume.getSecret();
      addSecret(files, namespace, source.getSecretName(), source.getItems(), source.getOptional(), mode(source.getDefaultMode()));
    } else if (volume.getDownwardAPI() != null) {
      addDownward(files, pod, volume.getDownwardAPI().getItems(), mode(volume.getDownwardAPI().getDefaultMode()), addresses);
    } else if (volume.getProjected() != null) {
      int defaultMode = mode(volume.getProjected().getDefaultMode());
      for (VolumeProjection source : volume.getProjected().getSources()) {
        if (source.getConfigMap() != null) {
          var cm = source.getConfigMap();
          addConfigMap(files, namespace, cm.getName(), cm.getItems(), cm.getOptional(), defaultMode);
        } else if (source.getSecret() != null) {
          var s = source.getSecret();
          addSecret(files, namespace, s.getName(), s.getItems(), s.getOptional(), defaultMode);
        } else if (source.getDownwardAPI() != null) {
          addDownward(files, pod, source.getDownwardAPI().getItems(), defaultMode, addresses);
        } else if (source.getServiceAccountToken() != null) {
          ServiceAccountTokenProjection token = source.getServiceAccountToken();
          List<String> audiences = token.getAudience() == null || token.getAudience().isEmpty()
              ? List.of() : List.of(token.getAudience());
          long seconds = token.getExpirationSeconds() == null ? DEFAULT_TOKEN_SECONDS : token.getExpirationSeconds();
          files.put(token.getPath(), new FileContent(
              objects.serviceAccountToken(pod, audiences, seconds).getBytes(StandardCharsets.UTF_8), defaultMode));
        } else {
          throw new ContainerConfigException("volume " + volume.getName() + ": this projected source is not supported by the process kubelet");
        }
      }
    } else {
      throw new ContainerConfigException("volume " + volume.getName()
          + ": only configMap, secret, emptyDir, downwardAPI, projected and hostPath volumes are supported by the process kubelet");
    }
    return files;
  }

  private void addConfigMap(Map<String, FileContent> files, String namespace, String name, List<KeyToPath> items,
                            Boolean optional, int defaultMode) throws ContainerConfigException {
    Optional<ConfigMap> map = objects.configMap(namespace, name);
    if (map.isEmpty()) {
      if (Boolean.TRUE.equals(optional)) {
        return;
      }
      throw new ContainerConfigException("configmap \"" + name + "\" not found");
    }
    Map<String, byte[]> values = new LinkedHashMap<>();
    if (map.get().getData() != null) {
      map.get().getData().forEach((k, v) -> values.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    if (map.get().getBinaryData() != null) {
      map.get().getBinaryData().forEach((k, v) -> values.put(k, Base64.getDecoder().decode(v)));
    }
    addKeys(files, "ConfigMap " + namespace + "/" + name, values, items, optional, defaultMode);
  }

  private void addSecret(Map<String, FileContent> files, String namespace, String name, List<KeyToPath> items,
                         Boolean optional, int defaultMode) throws ContainerConfigException {
    Optional<Secret> secret = objects.secret(namespace, name);
    if (secret.isEmpty()) {
      if (Boolean.TRUE.equals(optional)) {
        return;
      }
      throw new ContainerConfigException("secret \"" + name + "\" not found");
    }
    Map<String, byte[]> values = new LinkedHashMap<>();
    EnvironmentBuilder.secretData(secret.get()).forEach((k, v) -> values.put(k, v.getBytes(StandardCharsets.UTF_8)));
    if (secret.get().getData() != null) {
      // Binary values must not go through a String.
      secret.get().getData().forEach((k, v) -> values.put(k, Base64.getDecoder().decode(v)));
    }
    addKeys(files, "Secret " + namespace + "/" + name, values, items, optional, defaultMode);
  }

  private static void addKeys(Map<String, FileContent> files, String what, Map<String, byte[]> values,
                              List<KeyToPath> items, Boolean optional, int defaultMode) throws ContainerConfigException {
    if (items == null || items.isEmpty()) {
      values.forEach((k, v) -> files.put(k, new FileContent(v, defaultMode)));
      return;
    }
    for (KeyToPath item : items) {
      byte[] value = values.get(item.getKey());
      if (value == null) {
        if (Boolean.TRUE.equals(optional)) {
          continue;
        }
        throw new ContainerConfigException("couldn't find key " + item.getKey() + " in " + what);
      }
      files.put(item.getPath(), new FileContent(value, item.getMode() == null ? defaultMode : item.getMode()));
    }
  }

  private void addDownward(Map<String, FileContent> files, Pod pod, List<DownwardAPIVolumeFile> items, int defaultMode,
                           FieldPaths.Addresses addresses) throws ContainerConfigException {
    if (items == null) {
      return;
    }
    for (DownwardAPIVolumeFile item : items) {
      String value;
      if (item.getFieldRef() != null) {
        value = FieldPaths.field(pod, item.getFieldRef().getFieldPath(), addresses, true);
      } else if (item.getResourceFieldRef() != null) {
        String name = item.getResourceFieldRef().getContainerName();
        Container container = PodContainers.named(pod, name == null ? "" : name)
            .orElseThrow(() -> new ContainerConfigException("downwardAPI " + item.getPath() + ": no container named " + name));
        value = FieldPaths.resource(container, item.getResourceFieldRef().getResource(),
            item.getResourceFieldRef().getDivisor(), nodeAllocatable);
      } else {
        throw new ContainerConfigException("downwardAPI " + item.getPath() + " has neither fieldRef nor resourceFieldRef");
      }
      files.put(item.getPath(), new FileContent(value.getBytes(StandardCharsets.UTF_8),
          item.getMode() == null ? defaultMode : item.getMode()));
    }
  }

  private static int mode(Integer mode) {
    return mode == null ? DEFAULT_MODE : mode;
  }

  private static void writeFile(Path dir, String relative, FileContent content) throws IOException {
    Path file = dir.resolve(relative).normalize();
    if (!file.startsWith(dir)) {
      throw new IOException("volume file path escapes its volume: " + relative);
    }
    Files.createDirectories(file.getParent());
    Files.write(file, content.bytes());
    Files.setPosixFilePermissions(file, permissions(content.mode()));
  }

  /** POSIX permissions of a numeric mode such as {@code 0644} (decimal 420 in YAML). */
  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(order[bit]);
      }
    }
    return set;
  }
}
