package dev.headroom.operator.kube;

import dev.headroom.api.v1alpha1.LoadTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Cluster} over Fabric8's client. */
public final class KubernetesCluster implements Cluster {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesCluster.class);
  private static final String COMPONENT = "headroom-operator";
  private static final int MAX_EVENT_MESSAGE = 1024;

  private final KubernetesClient client;
  private final Clock clock;

  public KubernetesCluster(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public <T extends HasMetadata> T createIfAbsent(T resource) {
    try {
      return client.resource(resource).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        T existing = client.resource(resource).get();
        if (existing != null) {
          return existing;
        }
      }
      if (e.getCode() == 422 || e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST
          || e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
        throw new Refused(e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage() : e.getMessage());
      }
      throw e;
    }
  }

  @Override
  public String save(ConfigMap configMap, String resourceVersion) {
    configMap.getMetadata().setResourceVersion(resourceVersion);
    try {
      var resource = client.configMaps().resource(configMap);
      // With a version, update is a compare-and-swap: the API server answers 409 when it moved on.
      ConfigMap written = resourceVersion == null ? resource.create() : resource.update();
      return written.getMetadata().getResourceVersion();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        throw new Conflict(e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage() : e.getMessage());
      }
      if (e.getCode() == 422 || e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST
          || e.getCode() == HttpURLConnection.HTTP_FORBIDDEN || e.getCode() == 413) {
        throw new Refused(e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage() : e.getMessage());
      }
      throw e;
    }
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
  public Optional<LoadTest> loadTest(String namespace, String name) {
    return Optional.ofNullable(client.resources(LoadTest.class).inNamespace(namespace).withName(name).get());
  }

  @Override
  public void deleteJob(String namespace, String name) {
    // Background: the Job goes now, its pods right after, without waiting for them here.
    client.batch().v1().jobs().inNamespace(namespace).withName(name)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  @Override
  public void deleteConfigMap(String namespace, String name) {
    client.configMaps().inNamespace(namespace).withName(name).delete();
  }

  @Override
  public void deleteSecret(String namespace, String name) {
    client.secrets().inNamespace(namespace).withName(name).delete();
  }

  @Override
  public void deleteLoadTest(String namespace, String name) {
    client.resources(LoadTest.class).inNamespace(namespace).withName(name).delete();
  }

  @Override
  public void event(HasMetadata about, boolean warning, String reason, String message) {
    String ns = about.getMetadata().getNamespace();
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    Event event = new EventBuilder()
        .withNewMetadata()
        .withGenerateName(about.getMetadata().getName() + ".")
        .withNamespace(ns)
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(about.getApiVersion())
            .withKind(about.getKind())
            .withName(about.getMetadata().getName())
            .withNamespace(ns)
            .withUid(about.getMetadata().getUid())
            .withResourceVersion(about.getMetadata().getResourceVersion())
            .build())
        .withType(warning ? "Warning" : "Normal")
        .withReason(reason)
        .withMessage(message == null || message.length() <= MAX_EVENT_MESSAGE
            ? message : message.substring(0, MAX_EVENT_MESSAGE - 3) + "...")
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .build();
    try {
      client.v1().events().inNamespace(ns).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("cannot record Event {} for {}/{}: {}", reason, ns, about.getMetadata().getName(), e.getMessage());
    }
  }
}
