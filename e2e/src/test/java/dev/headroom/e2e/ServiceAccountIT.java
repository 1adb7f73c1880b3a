package dev.headroom.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A pod's process acts with its ServiceAccount's token and exactly that account's RBAC. */
@ExtendWith(ClusterExtension.class)
class ServiceAccountIT {

  private final KubernetesClient client;
  private final Cluster cluster;

  ServiceAccountIT(KubernetesClient client, Cluster cluster) {
    this.client = client;
    this.cluster = cluster;
  }

  @Test
  void tokenGrantsExactlyTheRoleOfTheServiceAccount(TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    createReaderRole(ns);
    Pod pod = (Pod) client.resource("""
        apiVersion: v1
        kind: Pod
        metadata: {name: curl}
        spec:
          serviceAccountName: reader
          restartPolicy: Never
          containers:
          - name: main
            image: headroom-worker
            command:
            - sh
            - -c
            - |
              sa="$HEADROOM_MOUNT_VAR_RUN_SECRETS_KUBERNETES_IO_SERVICEACCOUNT"
              api="https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT/api/v1/namespaces/$(cat "$sa/namespace")"
              get() { curl -s -o /dev/null -w '%{http_code}' --cacert "$sa/ca.crt" -H "Authorization: Bearer $(cat "$sa/token")" "$api/$1"; }
              echo "configmap=$(get configmaps/visible) secrets=$(get secrets)"
              [ "$KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN" = "$sa/token" ] && [ "$KUBERNETES_CERTS_CA_FILE" = "$sa/ca.crt" ] && echo fabric8-env=ok
        """).inNamespace(ns).create();
    TestPods.await(client, ns, "curl", TestPods.phase("Succeeded"));

    String log = client.pods().inNamespace(ns).withName("curl").getLog();
    assertTrue(log.contains("configmap=200 secrets=403"), log);
    assertTrue(log.contains("fabric8-env=ok"), log);
    JsonNode claims = claims(tokenOf(pod));
    assertEquals("curl", claims.path("kubernetes.io").path("pod").path("name").asText(), claims.toString());
    assertEquals("system:serviceaccount:" + ns + ":reader", claims.path("sub").asText());
  }

  @Test
  void fabric8InThePodConfiguresItselfFromTheMountedToken(TestNamespace namespace) {
    String ns = namespace.name();
    createReaderRole(ns);
    client.resource("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: in-cluster}
        data:
          InCluster.java: |
            import io.fabric8.kubernetes.client.KubernetesClient;
            import io.fabric8.kubernetes.client.KubernetesClientBuilder;
            import io.fabric8.kubernetes.client.KubernetesClientException;

            public class InCluster {
              public static void main(String[] args) {
                try (KubernetesClient client = new KubernetesClientBuilder().build()) {
                  System.out.println("namespace=" + client.getNamespace()
                      + " configmap=" + client.configMaps().withName("visible").get().getData().get("k"));
                  try {
                    client.secrets().list();
                    System.out.println("secrets=listed");
                  } catch (KubernetesClientException e) {
                    System.out.println("secrets=" + e.getCode());
                  }
                }
              }
            }
        """).inNamespace(ns).create();
    // Fabric8 is on the process kubelet's own class path; any jar with Fabric8 would do.
    String fabric8 = Path.of("target/process-kubelet.jar").toAbsolutePath().toString();
    client.resource("""
        apiVersion: v1
        kind: Pod
        metadata: {name: fabric8}
        spec:
          serviceAccountName: reader
          restartPolicy: Never
          volumes: [{name: src, configMap: {name: in-cluster}}]
          containers:
          - name: main
            image: headroom-worker
            volumeMounts: [{name: src, mountPath: /src}]
            command: [java, -cp, '%s', $(HEADROOM_MOUNT_SRC)/InCluster.java]
        """.formatted(fabric8)).inNamespace(ns).create();
    TestPods.await(client, ns, "fabric8", TestPods.phase("Succeeded"));

    String log = client.pods().inNamespace(ns).withName("fabric8").getLog();
    assertTrue(log.contains("namespace=" + ns + " configmap=v\nsecrets=403\n"), log);
  }

  @Test
  void automountFalseGivesNoToken(TestNamespace namespace) {
    String ns = namespace.name();
    client.resource("""
        apiVersion: v1
        kind: Pod
        metadata: {name: no-token}
        spec:
          automountServiceAccountToken: false
          restartPolicy: Never
          containers:
          - name: main
            image: headroom-worker
            command: [sh, -c, 'echo "mounts=$(cat "$HEADROOM_MOUNTS") token=${KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN:-none}"']
        """).inNamespace(ns).create();
    TestPods.await(client, ns, "no-token", TestPods.phase("Succeeded"));

    assertEquals("mounts={} token=none\n", client.pods().inNamespace(ns).withName("no-token").getLog());
  }

  /** ServiceAccount {@code reader} may get and list ConfigMaps, nothing else; ConfigMap {@code visible} has k=v. */
  private void createReaderRole(String ns) {
    client.resourceList("""
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: ServiceAccount, metadata: {name: reader}}
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: visible}, data: {k: v}}
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata: {name: read-configmaps}
          rules: [{apiGroups: [""], resources: [configmaps], verbs: [get, list]}]
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata: {name: reader}
          roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-configmaps}
          subjects: [{kind: ServiceAccount, name: reader}]
        """).inNamespace(ns).create();
  }

  private String tokenOf(Pod pod) throws Exception {
    Path volumes = cluster.dir().resolve("kubelet/pods").resolve(pod.getMetadata().getUid()).resolve("volumes");
    try (Stream<Path> dirs = Files.list(volumes)) {
      Path dir = dirs.filter(d -> d.getFileName().toString().startsWith("kube-api-access-")).findFirst()
          .orElseThrow(() -> new AssertionError("no kube-api-access volume in " + volumes));
      return Files.readString(dir.resolve("token"));
    }
  }

  private static JsonNode claims(String jwt) throws Exception {
    String payload = jwt.split("\\.")[1];
    return new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }
}
