package dev.headroom.e2e.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Looks at a worker's control port the way the operator does, with the run's token, without
 * acknowledging anything: what a test needs to see that a worker dropped what was acknowledged.
 */
final class WorkerPeek {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONTROL_PORT = 8089;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String token;

  private WorkerPeek(String token) {
    this.token = token;
  }

  static WorkerPeek of(KubernetesClient client, String namespace, String tokenSecret) {
    Secret secret = client.secrets().inNamespace(namespace).withName(tokenSecret).get();
    if (secret == null) {
      throw new AssertionError("no Secret " + namespace + "/" + tokenSecret);
    }
    String encoded = secret.getData().get("token");
    return new WorkerPeek(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).strip());
  }

  /** The highest interval the worker says it has dropped; -1 when none, or when it cannot be asked. */
  long acked(Pod pod) {
    String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    if (ip == null) {
      return -1;
    }
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":" + CONTROL_PORT
              + "/intervals?after=-1"))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(3)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return -1;
      }
      JsonNode acked = JSON.readTree(r.body()).get("acked");
      return acked == null ? -1 : acked.asLong();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
