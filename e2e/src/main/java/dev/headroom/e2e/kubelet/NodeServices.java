package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;

/** What every pod worker of a node shares: the API client, the node's address pool and the ways pods are built. */
interface NodeServices {

  KubernetesClient client();

  Path stateDir();

  String hostIp();

  PodIpPool ips();

  ImageCatalog images();

  EnvironmentBuilder environment();

  ProcessEnvironment processEnvironment();

  VolumeWriter volumes();

  ProbeCheck probeCheck();

  ScheduledExecutorService probeScheduler();

  EventRecorder events();

  /** The hosts file for the processes of a namespace (it exists once this returns). */
  Path hostsFile(String namespace);

  /** A pod's readiness or address changed: Service names may now resolve differently. */
  void podsChanged();

  /** A worker has finished with its pod. */
  void finished(String uid);
}
