package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;

/** {@link ClusterObjects} read from the API server. */
final class ApiClusterObjects implements ClusterObjects {

  private final KubernetesClient client;

  ApiClusterObjects(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(name).get());
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  @Override
  public String serviceAccountToken(Pod pod, List<String> audiences, long expirationSeconds) throws ContainerConfigException {
    String account = pod.getSpec().getServiceAccountName() == null ? "default" : pod.getSpec().getServiceAccountName();
    TokenRequest request = new TokenRequestBuilder()
        .withNewSpec()
        .withAudiences(audiences)
        .withExpirationSeconds(expirationSeconds)
        .withNewBoundObjectRef()
        .withApiVersion("v1").withKind("Pod")
        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid())
        .endBoundObjectRef()
        .endSpec()
        .build();
    try {
      TokenRequest issued = client.serviceAccounts().inNamespace(pod.getMetadata().getNamespace())
          .withName(account).tokenRequest(request);
      return issued.getStatus().getToken();
    } catch (KubernetesClientException e) {
      throw new ContainerConfigException("cannot get a token for serviceaccount \"" + account + "\": "
          + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()));
    }
  }
}
