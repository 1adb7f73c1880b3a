package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the Node with this machine's real capacity and keeps it Ready: the node Lease in
 * {@code kube-node-lease} is renewed every 10 s and the Ready condition's heartbeat every minute.
 * Nothing is removed on exit: the node lifecycle controller marks the node NotReady when the Lease expires.
 */
final class NodeRegistration {

  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistration.class);
  private static final String LEASE_NAMESPACE = "kube-node-lease";
  private static final int LEASE_SECONDS = 40;

  private final KubernetesClient client;
  private final String nodeName;
  private final String podCidr;
  private final int kubeletPort;
  private final Map<String, Quantity> capacity;
  private final Instant readySince = Instant.now();

  NodeRegistration(KubernetesClient client, String nodeName, String podCidr, int kubeletPort) {
    this.client = client;
    this.nodeName = nodeName;
    this.podCidr = podCidr;
    this.kubeletPort = kubeletPort;
    this.capacity = machineCapacity();
  }

  /** This machine: cores, physical memory and the usual 110 pods. */
  static Map<String, Quantity> machineCapacity() {
    Map<String, Quantity> capacity = new LinkedHashMap<>();
    capacity.put("cpu", new Quantity(String.valueOf(Runtime.getRuntime().availableProcessors())));
    long bytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    capacity.put("memory", new Quantity((bytes / 1024) + "Ki"));
    capacity.put("pods", new Quantity("110"));
    capacity.put("ephemeral-storage", new Quantity("100Gi"));
    return Map.copyOf(capacity);
  }

  Map<String, Quantity> allocatable() {
    return capacity;
  }

  /** Creates the Node (or takes over an existing one) and reports it Ready. */
  void register() {
    Node node = new NodeBuilder()
        .withNewMetadata().withName(nodeName)
        .addToLabels("kubernetes.io/hostname", nodeName)
        .addToLabels("kubernetes.io/os", "linux")
        .addToLabels("kubernetes.io/arch", "amd64")
        .addToLabels("headroom.dev/process-kubelet", "true")
        .endMetadata()
        .withNewSpec().withPodCIDR(podCidr).withPodCIDRs(podCidr).endSpec()
        .withStatus(status())
        .build();
    try {
      client.nodes().resource(node).create();
      LOG.info("registered node {}", nodeName);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      LOG.info("node {} exists; taking it over", nodeName);
    }
    reportStatus();
    renewLease();
  }

  /** Starts the heartbeats on {@code scheduler}. */
  void keepReady(ScheduledExecutorService scheduler) {
    scheduler.scheduleWithFixedDelay(this::renewLease, 10, 10, TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(this::reportStatus, 60, 60, TimeUnit.SECONDS);
  }

  private void reportStatus() {
    try {
      Node patch = new NodeBuilder().withNewMetadata().withName(nodeName).endMetadata().withStatus(status()).build();
      client.nodes().resource(patch).patchStatus();
    } catch (KubernetesClientException e) {
      LOG.warn("node status update failed: {}", e.getMessage());
    }
  }

  private void renewLease() {
    try {
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(nodeName).get();
      if (lease == null) {
        Node node = client.nodes().withName(nodeName).get();
        LeaseBuilder created = new LeaseBuilder()
            .withNewMetadata().withName(nodeName).withNamespace(LEASE_NAMESPACE).endMetadata()
            .withNewSpec().withHolderIdentity(nodeName).withLeaseDurationSeconds(LEASE_SECONDS)
            .withRenewTime(now).endSpec();
        if (node != null) {
          created.editMetadata().addNewOwnerReference().withApiVersion("v1").withKind("Node")
              .withName(nodeName).withUid(node.getMetadata().getUid()).endOwnerReference().endMetadata();
        }
        client.leases().inNamespace(LEASE_NAMESPACE).resource(created.build()).create();
      } else {
        lease.getSpec().setHolderIdentity(nodeName);
        lease.getSpec().setRenewTime(now);
        client.leases().inNamespace(LEASE_NAMESPACE).resource(lease).update();
      }
    } catch (KubernetesClientException e) {
      LOG.warn("node lease renewal failed: {}", e.getMessage());
    }
  }

  private NodeStatus status() {
    String now = PodStatusFactory.time(Instant.now());
    String since = PodStatusFactory.time(readySince);
    List<NodeCondition> conditions = List.of(
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now, since),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now, since),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now, since),
        condition("Ready", "True", "KubeletReady", "process kubelet is posting ready status", now, since));
    String version = "v0.0.0-headroom";
    try {
      version = client.getKubernetesVersion().getGitVersion() + "-headroom";
    } catch (KubernetesClientException e) {
      LOG.debug("no server version: {}", e.getMessage());
    }
    return new NodeStatusBuilder()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .withConditions(conditions)
        .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
        .addNewAddress().withType("Hostname").withAddress(nodeName).endAddress()
        .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(kubeletPort).endKubeletEndpoint().endDaemonEndpoints()
        .withNewNodeInfo()
        .withMachineID(nodeName).withSystemUUID(nodeName).withBootID(readySince.toString())
        .withKernelVersion(System.getProperty("os.version")).withOsImage("process kubelet (" + System.getProperty("os.name") + ")")
        .withContainerRuntimeVersion("process://headroom").withKubeletVersion(version).withKubeProxyVersion("")
        .withOperatingSystem("linux").withArchitecture("amd64")
        .endNodeInfo()
        .build();
  }

  private static NodeCondition condition(String type, String status, String reason, String message, String heartbeat, String since) {
    return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastHeartbeatTime(heartbeat).withLastTransitionTime(since).build();
  }
}
