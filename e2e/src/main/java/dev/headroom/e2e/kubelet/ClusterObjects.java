package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Optional;

/** The API objects a pod's environment and volumes are made from; a map-backed fake serves unit tests. */
interface ClusterObjects {

  Optional<ConfigMap> configMap(String namespace, String name);

  Optional<Secret> secret(String namespace, String name);

  /** A token for the pod's ServiceAccount, bound to the pod (TokenRequest API). */
  String serviceAccountToken(Pod pod, List<String> audiences, long expirationSeconds) throws ContainerConfigException;
}
