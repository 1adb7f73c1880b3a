package dev.headroom.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A JVM in a pod reaches a Service by name through the kubelet's hosts file (no DNS, no kube-proxy). */
@ExtendWith(ClusterExtension.class)
class ServiceHostsIT {

  private final KubernetesClient client;

  ServiceHostsIT(KubernetesClient client) {
    this.client = client;
  }

  @Test
  void javaProcessResolvesServiceNamesToAReadyPod(TestNamespace namespace) {
    String ns = namespace.name();
    client.resource("""
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {app: web}}
        spec:
          containers:
          - name: server
            image: headroom-worker
            command: [python3, -m, http.server, '8080', --bind, $(HEADROOM_POD_IP)]
            readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
        """).inNamespace(ns).create();
    client.resource("""
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {selector: {app: web}, ports: [{port: 8080, targetPort: 8080}]}
        """).inNamespace(ns).create();
    client.resource("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: fetch}
        data:
          Fetch.java: |
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;

            public class Fetch {
              public static void main(String[] args) throws Exception {
                HttpClient client = HttpClient.newHttpClient();
                for (String url : args) {
                  HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                      HttpResponse.BodyHandlers.discarding());
                  System.out.println(url + " -> " + response.statusCode());
                }
              }
            }
        """).inNamespace(ns).create();
    TestPods.await(client, ns, "web", TestPods.ready());

    client.resource("""
        apiVersion: v1
        kind: Pod
        metadata: {name: client}
        spec:
          restartPolicy: Never
          volumes: [{name: src, configMap: {name: fetch}}]
          containers:
          - name: main
            image: headroom-worker
            volumeMounts: [{name: src, mountPath: /src}]
            command: [java, $(HEADROOM_MOUNT_SRC)/Fetch.java, 'http://web:8080/', 'http://web.%s.svc.cluster.local:8080/']
        """.formatted(ns)).inNamespace(ns).create();
    TestPods.await(client, ns, "client", TestPods.phase("Succeeded"));

    String log = client.pods().inNamespace(ns).withName("client").getLog();
    assertTrue(log.contains("http://web:8080/ -> 200"), log);
    assertTrue(log.contains("http://web." + ns + ".svc.cluster.local:8080/ -> 200"), log);
  }
}
