package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Map-backed {@link ClusterObjects}: ConfigMaps, Secrets, and tokens that record what was asked. */
final class FakeClusterObjects implements ClusterObjects {

  final Map<String, ConfigMap> configMaps = new HashMap<>();
  final Map<String, Secret> secrets = new HashMap<>();
  final List<String> tokenRequests = new ArrayList<>();

  FakeClusterObjects configMap(String namespace, String name, Map<String, String> data) {
    configMaps.put(namespace + "/" + name, new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().withData(data).build());
    return this;
  }

  FakeClusterObjects secret(String namespace, String name, Map<String, String> data) {
    Map<String, String> encoded = new HashMap<>();
    data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    secrets.put(namespace + "/" + name, new SecretBuilder().withNewMetadata().withName(name).endMetadata().withData(encoded).build());
    return this;
  }

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return Optional.ofNullable(configMaps.get(namespace + "/" + name));
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(secrets.get(namespace + "/" + name));
  }

  @Override
  public String serviceAccountToken(Pod pod, List<String> audiences, long expirationSeconds) {
    tokenRequests.add(pod.getMetadata().getName() + " " + audiences + " " + expirationSeconds);
    return "token-for-" + pod.getMetadata().getName();
  }
}
