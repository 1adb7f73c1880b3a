package dev.headroom.e2e.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentBuilderTest {

  private static final FieldPaths.Addresses ADDRESSES = new FieldPaths.Addresses("127.0.1.9", "127.0.0.1");

  private final FakeClusterObjects objects = new FakeClusterObjects()
      .configMap("ns", "settings", Map.of("color", "blue", "size", "L"))
      .secret("ns", "creds", Map.of("password", "s3cret"));
  private final EnvironmentBuilder builder = new EnvironmentBuilder(objects, Map.of("memory", new Quantity("8Gi")));

  private static Pod pod(String containerYaml) {
    return Serialization.unmarshal("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          namespace: ns
          uid: u-1
          labels: {app: a}
          annotations: {batch.kubernetes.io/job-completion-index: "2"}
        spec:
          nodeName: node-1
          serviceAccountName: runner
          containers:
        """ + containerYaml.indent(2), Pod.class);
  }

  private Map<String, String> env(Pod pod) throws ContainerConfigException {
    Container container = pod.getSpec().getContainers().get(0);
    return builder.build(pod, container, ADDRESSES, Map.of("BASE", "b", "OVERRIDDEN", "old"));
  }

  @Test
  void everySourceResolvesAndLaterEntriesWin() throws Exception {
    Map<String, String> env = env(pod("""
        - name: c
          image: headroom-worker
          resources: {limits: {cpu: 1500m}}
          envFrom: [{prefix: CFG_, configMapRef: {name: settings}}, {secretRef: {name: creds}}]
          env:
          - {name: OVERRIDDEN, value: new}
          - {name: INDEX, valueFrom: {fieldRef: {fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']"}}}
          - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
          - {name: IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
          - {name: HOST, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}
          - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
          - {name: SA, valueFrom: {fieldRef: {fieldPath: spec.serviceAccountName}}}
          - {name: UID, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}
          - {name: COLOR, valueFrom: {configMapKeyRef: {name: settings, key: color}}}
          - {name: PW, valueFrom: {secretKeyRef: {name: creds, key: password}}}
          - {name: CPU_MILLIS, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}}
          - {name: MEM_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
          - {name: URL, value: "http://$(IP):8089/$(BASE)/$(NOPE)"}
        """));

    assertEquals("b", env.get("BASE"));
    assertEquals("new", env.get("OVERRIDDEN"));
    assertEquals("blue", env.get("CFG_color"));
    assertEquals("s3cret", env.get("password"));
    assertEquals("2", env.get("INDEX"));
    assertEquals("a", env.get("APP"));
    assertEquals("127.0.1.9", env.get("IP"));
    assertEquals("127.0.0.1", env.get("HOST"));
    assertEquals("node-1", env.get("NODE"));
    assertEquals("runner", env.get("SA"));
    assertEquals("u-1", env.get("UID"));
    assertEquals("blue", env.get("COLOR"));
    assertEquals("s3cret", env.get("PW"));
    assertEquals("1500", env.get("CPU_MILLIS"));
    assertEquals("8192", env.get("MEM_MI"), "no limit: the node's allocatable");
    assertEquals("http://127.0.1.9:8089/b/$(NOPE)", env.get("URL"));
  }

  @Test
  void missingReferencesNameWhatIsMissingUnlessOptional() throws Exception {
    ContainerConfigException secret = assertThrows(ContainerConfigException.class, () -> env(pod("""
        - {name: c, image: i, env: [{name: X, valueFrom: {secretKeyRef: {name: absent, key: k}}}]}
        """)));
    assertEquals("secret \"absent\" not found", secret.getMessage());
    ContainerConfigException key = assertThrows(ContainerConfigException.class, () -> env(pod("""
        - {name: c, image: i, env: [{name: X, valueFrom: {configMapKeyRef: {name: settings, key: nope}}}]}
        """)));
    assertEquals("couldn't find key nope in ConfigMap ns/settings", key.getMessage());
    ContainerConfigException field = assertThrows(ContainerConfigException.class, () -> env(pod("""
        - {name: c, image: i, env: [{name: X, valueFrom: {fieldRef: {fieldPath: metadata.labels}}}]}
        """)));
    assertEquals("fieldRef metadata.labels is not supported by the process kubelet", field.getMessage());

    Map<String, String> optional = env(pod("""
        - name: c
          image: i
          envFrom: [{configMapRef: {name: absent, optional: true}}]
          env: [{name: X, valueFrom: {secretKeyRef: {name: absent, key: k, optional: true}}}]
        """));
    assertFalse(optional.containsKey("X"));
  }
}
