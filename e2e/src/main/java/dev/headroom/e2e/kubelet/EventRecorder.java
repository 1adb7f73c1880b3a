package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records core/v1 Events about pods, as a kubelet does, so {@code kubectl describe pod} shows what happened. */
final class EventRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final String nodeName;

  EventRecorder(KubernetesClient client, String nodeName) {
    this.client = client;
    this.nodeName = nodeName;
  }

  void normal(Pod pod, String reason, String message) {
    record(pod, "Normal", reason, message);
  }

  void warning(Pod pod, String reason, String message) {
    record(pod, "Warning", reason, message);
  }

  private void record(Pod pod, String type, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String namespace = pod.getMetadata().getNamespace();
    try {
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata().withGenerateName(pod.getMetadata().getName() + ".").withNamespace(namespace).endMetadata()
          .withNewInvolvedObject()
          .withApiVersion("v1").withKind("Pod").withNamespace(namespace)
          .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid())
          .endInvolvedObject()
          .withType(type).withReason(reason).withMessage(message)
          .withNewSource().withComponent("kubelet").withHost(nodeName).endSource()
          .withReportingComponent("kubelet").withReportingInstance(nodeName)
          .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
          .build()).create();
    } catch (KubernetesClientException e) {
      // Events are best effort; a terminating namespace refuses them.
      LOG.debug("event {} for {}/{} not recorded: {}", reason, namespace, pod.getMetadata().getName(), e.getMessage());
    }
  }
}
