package dev.headroom.e2e.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeWriterTest {

  @TempDir
  Path dir;

  private final FakeClusterObjects objects = new FakeClusterObjects()
      .configMap("ns", "plan", Map.of("plan.json", "{}", "other", "x"))
      .configMap("ns", "kube-root-ca.crt", Map.of("ca.crt", "CA"))
      .secret("ns", "token", Map.of("value", "s3cret"));
  private final VolumeWriter writer = new VolumeWriter(objects, Map.of());

  private static Pod pod(String volumesYaml) {
    return Serialization.unmarshal("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: ns, uid: u-1, labels: {b: "2", a: "1"}}
        spec:
          containers: [{name: c, image: i}]
          volumes:
        """ + volumesYaml.indent(2), Pod.class);
  }

  @Test
  void writesEachKindOfVolumeAsADirectory() throws Exception {
    Map<String, Path> dirs = writer.write(pod("""
        - {name: plan, configMap: {name: plan, items: [{key: plan.json, path: conf/plan.json}]}}
        - {name: token, secret: {secretName: token, defaultMode: 0400}}
        - {name: scratch, emptyDir: {}}
        - name: info
          downwardAPI:
            items:
            - {path: labels, fieldRef: {fieldPath: metadata.labels}}
            - {path: ip, fieldRef: {fieldPath: status.podIP}}
        - name: kube-api-access-x
          projected:
            defaultMode: 0644
            sources:
            - serviceAccountToken: {path: token, expirationSeconds: 3607}
            - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}
            - downwardAPI: {items: [{path: namespace, fieldRef: {fieldPath: metadata.namespace}}]}
        """), dir, new FieldPaths.Addresses("127.0.1.5", "127.0.0.1"));

    assertEquals("{}", Files.readString(dirs.get("plan").resolve("conf/plan.json")));
    assertEquals(false, Files.exists(dirs.get("plan").resolve("other")), "only the listed items");
    Path secret = dirs.get("token").resolve("value");
    assertEquals("s3cret", Files.readString(secret));
    assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
    assertEquals(true, Files.isDirectory(dirs.get("scratch")));
    assertEquals("a=\"1\"\nb=\"2\"\n", Files.readString(dirs.get("info").resolve("labels")));
    assertEquals("127.0.1.5", Files.readString(dirs.get("info").resolve("ip")));
    Path projected = dirs.get("kube-api-access-x");
    assertEquals("token-for-p", Files.readString(projected.resolve("token")));
    assertEquals("CA", Files.readString(projected.resolve("ca.crt")));
    assertEquals("ns", Files.readString(projected.resolve("namespace")));
    assertEquals(List.of("p [] 3607"), objects.tokenRequests);
  }

  @Test
  void missingSourcesAndUnsupportedVolumesAreNamed() {
    ContainerConfigException missing = assertThrows(ContainerConfigException.class,
        () -> writer.write(pod("- {name: v, secret: {secretName: absent}}"), dir, new FieldPaths.Addresses("a", "b")));
    assertEquals("secret \"absent\" not found", missing.getMessage());
    ContainerConfigException pvc = assertThrows(ContainerConfigException.class,
        () -> writer.write(pod("- {name: data, persistentVolumeClaim: {claimName: c}}"), dir, new FieldPaths.Addresses("a", "b")));
    assertEquals("volume data: only configMap, secret, emptyDir, downwardAPI, projected and hostPath volumes are supported"
        + " by the process kubelet", pvc.getMessage());
  }
}
