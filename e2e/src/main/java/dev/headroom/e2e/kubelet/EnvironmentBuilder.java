package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a pod asks for: {@code envFrom} first, then {@code env} (which wins), with
 * {@code $(VAR)} references expanded against what is defined so far.
 */
final class EnvironmentBuilder {

  private final ClusterObjects objects;
  private final Map<String, Quantity> nodeAllocatable;

  EnvironmentBuilder(ClusterObjects objects, Map<String, Quantity> nodeAllocatable) {
    this.objects = objects;
    this.nodeAllocatable = nodeAllocatable;
  }

  /**
   * The container's variables on top of {@code base} (which they may reference and override).
   *
   * @throws ContainerConfigException if a referenced object or key is missing and not optional
   */
  Map<String, String> build(Pod pod, Container container, FieldPaths.Addresses addresses, Map<String, String> base)
      throws ContainerConfigException {
    Map<String, String> env = new LinkedHashMap<>(base);
    String namespace = pod.getMetadata().getNamespace();
    if (container.getEnvFrom() != null) {
      for (EnvFromSource from : container.getEnvFrom()) {
        String prefix = from.getPrefix() == null ? "" : from.getPrefix();
        if (from.getConfigMapRef() != null) {
          Optional<ConfigMap> map = objects.configMap(namespace, from.getConfigMapRef().getName());
          if (map.isEmpty() && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
            throw new ContainerConfigException("configmap \"" + from.getConfigMapRef().getName() + "\" not found");
          }
          map.map(ConfigMap::getData).ifPresent(data -> data.forEach((k, v) -> env.put(prefix + k, v)));
        }
        if (from.getSecretRef() != null) {
          Optional<Secret> secret = objects.secret(namespace, from.getSecretRef().getName());
          if (secret.isEmpty() && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
            throw new ContainerConfigException("secret \"" + from.getSecretRef().getName() + "\" not found");
          }
          secret.ifPresent(s -> secretData(s).forEach((k, v) -> env.put(prefix + k, v)));
        }
      }
    }
    if (container.getEnv() != null) {
      for (EnvVar var : container.getEnv()) {
        String value = var.getValueFrom() == null
            ? VariableExpansion.expand(var.getValue() == null ? "" : var.getValue(), env)
            : valueFrom(pod, container, var, addresses);
        if (value != null) {
          env.put(var.getName(), value);
        }
      }
    }
    return env;
  }

  private String valueFrom(Pod pod, Container container, EnvVar var, FieldPaths.Addresses addresses)
      throws ContainerConfigException {
    EnvVarSource source = var.getValueFrom();
    String namespace = pod.getMetadata().getNamespace();
    if (source.getFieldRef() != null) {
      return FieldPaths.field(pod, source.getFieldRef().getFieldPath(), addresses, false);
    }
    if (source.getResourceFieldRef() != null) {
      String name = source.getResourceFieldRef().getContainerName();
      Container target = name == null || name.isEmpty() ? container : PodContainers.named(pod, name)
          .orElseThrow(() -> new ContainerConfigException("env " + var.getName() + ": no container named " + name));
      return FieldPaths.resource(target, source.getResourceFieldRef().getResource(),
          source.getResourceFieldRef().getDivisor(), nodeAllocatable);
    }
    if (source.getConfigMapKeyRef() != null) {
      ConfigMapKeySelector ref = source.getConfigMapKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.getOptional());
      Optional<ConfigMap> map = objects.configMap(namespace, ref.getName());
      if (map.isEmpty()) {
        if (optional) {
          return null;
        }
        throw new ContainerConfigException("configmap \"" + ref.getName() + "\" not found");
      }
      String value = map.get().getData() == null ? null : map.get().getData().get(ref.getKey());
      if (value == null && !optional) {
        throw new ContainerConfigException("couldn't find key " + ref.getKey() + " in ConfigMap " + namespace + "/" + ref.getName());
      }
      return value;
    }
    if (source.getSecretKeyRef() != null) {
      SecretKeySelector ref = source.getSecretKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.getOptional());
      Optional<Secret> secret = objects.secret(namespace, ref.getName());
      if (secret.isEmpty()) {
        if (optional) {
          return null;
        }
        throw new ContainerConfigException("secret \"" + ref.getName() + "\" not found");
      }
      String value = secretData(secret.get()).get(ref.getKey());
      if (value == null && !optional) {
        throw new ContainerConfigException("couldn't find key " + ref.getKey() + " in Secret " + namespace + "/" + ref.getName());
      }
      return value;
    }
    throw new ContainerConfigException("env " + var.getName() + ": this valueFrom source is not supported by the process kubelet");
  }

  /** A Secret's decoded values, {@code stringData} included (the API server folds it in, fakes may not). */
  static Map<String, String> secretData(Secret secret) {
    Map<String, String> values = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      values.putAll(secret.getStringData());
    }
    return values;
  }
}
