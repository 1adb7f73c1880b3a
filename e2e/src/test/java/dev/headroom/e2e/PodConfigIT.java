package dev.headroom.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a pod asks for reaches its process: env from every source, and volumes as directories named by env. */
@ExtendWith(ClusterExtension.class)
class PodConfigIT {

  private final KubernetesClient client;

  PodConfigIT(KubernetesClient client) {
    this.client = client;
  }

  @Test
  void environmentAndVolumesReachTheProcess(TestNamespace namespace) {
    String ns = namespace.name();
    client.resource("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {greeting: hello, color: blue}
        """).inNamespace(ns).create();
    client.resource("""
        apiVersion: v1
        kind: Secret
        metadata: {name: creds}
        stringData: {password: s3cret}
        """).inNamespace(ns).create();
    Pod pod = (Pod) client.resource("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: config
          labels: {app: config-test}
          annotations: {note: from-annotation}
        spec:
          restartPolicy: Never
          volumes:
          - {name: settings, configMap: {name: settings}}
          - {name: creds, secret: {secretName: creds, items: [{key: password, path: nested/pw, mode: 0400}]}}
          - name: info
            downwardAPI:
              items:
              - {path: labels, fieldRef: {fieldPath: metadata.labels}}
              - {path: name, fieldRef: {fieldPath: metadata.name}}
          containers:
          - name: main
            image: headroom-worker
            resources: {limits: {memory: 64Mi}}
            envFrom: [{prefix: CFG_, configMapRef: {name: settings}}]
            env:
            - {name: GREETING, valueFrom: {configMapKeyRef: {name: settings, key: greeting}}}
            - {name: PASSWORD, valueFrom: {secretKeyRef: {name: creds, key: password}}}
            - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
            - {name: POD_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
            - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
            - {name: NOTE, valueFrom: {fieldRef: {fieldPath: "metadata.annotations['note']"}}}
            - {name: MEMORY_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
            - {name: MISSING_OK, valueFrom: {secretKeyRef: {name: nope, key: x, optional: true}}}
            - {name: COMPOSED, value: "$(GREETING)-world"}
            volumeMounts:
            - {name: settings, mountPath: /etc/settings}
            - {name: creds, mountPath: /etc/creds, readOnly: true}
            - {name: info, mountPath: /etc/podinfo}
            command:
            - sh
            - -c
            - |
              echo "env: $GREETING $PASSWORD $POD_NAME $POD_NAMESPACE $NOTE $MEMORY_MI $COMPOSED $CFG_color ${MISSING_OK:-unset}"
              echo "ip: $POD_IP=$HEADROOM_POD_IP"
              echo "api: $KUBERNETES_SERVICE_HOST kubeconfig=${KUBECONFIG:-none}"
              echo "settings: $(cat "$HEADROOM_MOUNT_ETC_SETTINGS/greeting")"
              echo "secret: $(cat "$HEADROOM_MOUNT_ETC_CREDS/nested/pw") mode=$(stat -c %a "$HEADROOM_MOUNT_ETC_CREDS/nested/pw")"
              echo "labels: $(cat "$HEADROOM_MOUNT_ETC_PODINFO/labels") name=$(cat "$HEADROOM_MOUNT_ETC_PODINFO/name")"
              echo "mounts: $(cat "$HEADROOM_MOUNTS")"
        """).inNamespace(ns).create();
    pod = TestPods.await(client, ns, "config", TestPods.phase("Succeeded"));
    String ip = pod.getStatus().getPodIP();

    String log = client.pods().inNamespace(ns).withName("config").getLog();
    assertTrue(log.contains("env: hello s3cret config " + ns + " from-annotation 64 hello-world blue unset\n"), log);
    assertTrue(log.contains("ip: " + ip + "=" + ip + "\n"), log);
    assertTrue(log.contains("api: 127.0.0.1 kubeconfig=none\n"), log);
    assertTrue(log.contains("settings: hello\n"), log);
    assertTrue(log.contains("secret: s3cret mode=400\n"), log);
    assertTrue(log.contains("labels: app=\"config-test\" name=config\n"), log);
    assertTrue(log.contains("\"/etc/settings\":\"") && log.contains("\"/etc/podinfo\":\""), log);
  }

  @Test
  void aMissingSecretKeepsTheContainerWaitingWithTheReason(TestNamespace namespace) {
    String ns = namespace.name();
    client.resource("""
        apiVersion: v1
        kind: Pod
        metadata: {name: missing}
        spec:
          containers:
          - name: main
            image: headroom-worker
            command: [sh, -c, 'echo never']
            env: [{name: X, valueFrom: {secretKeyRef: {name: absent, key: x}}}]
        """).inNamespace(ns).create();

    Pod pod = TestPods.await(client, ns, "missing", p -> p.getStatus().getContainerStatuses() != null
        && TestPods.container(p, "main").getState().getWaiting() != null
        && "CreateContainerConfigError".equals(TestPods.container(p, "main").getState().getWaiting().getReason()));

    assertTrue(TestPods.container(pod, "main").getState().getWaiting().getMessage().contains("secret \"absent\" not found"));
  }
}
