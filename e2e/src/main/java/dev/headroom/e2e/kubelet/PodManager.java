package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives every pod from the informer and gives each pod bound to this node a {@link PodWorker}
 * on its own thread; the workers reach the node's shared parts through this class.
 */
final class PodManager implements ResourceEventHandler<Pod>, NodeServices {

  private static final Logger LOG = LoggerFactory.getLogger(PodManager.class);

  /** The node's shared parts. */
  record Parts(KubernetesClient client, String nodeName, String hostIp, Path stateDir, PodIpPool ips,
               ImageCatalog images, EnvironmentBuilder environment, ProcessEnvironment processEnvironment,
               VolumeWriter volumes, ProbeCheck probeCheck, ScheduledExecutorService probeScheduler,
               EventRecorder events, ServiceHosts hosts) {
  }

  private final Parts parts;
  private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
  private final Set<String> done = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  PodManager(Parts parts) {
    this.parts = parts;
  }

  @Override
  public void onAdd(Pod pod) {
    dispatch(pod);
  }

  @Override
  public void onUpdate(Pod oldPod, Pod newPod) {
    dispatch(newPod);
  }

  @Override
  public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
    PodWorker worker = workers.get(pod.getMetadata().getUid());
    if (worker != null) {
      worker.removed();
    }
    done.remove(pod.getMetadata().getUid());
    parts.hosts().changed();
  }

  private void dispatch(Pod pod) {
    parts.hosts().changed();
    if (stopping || !parts.nodeName().equals(pod.getSpec().getNodeName())) {
      return;
    }
    String uid = pod.getMetadata().getUid();
    if (done.contains(uid)) {
      return;
    }
    workers.computeIfAbsent(uid, u -> {
      PodWorker worker = new PodWorker(this, pod);
      Thread thread = new Thread(worker, "pod-" + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
      thread.setDaemon(true);
      thread.start();
      LOG.info("pod {}/{} ({}) assigned to this node", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid);
      return worker;
    }).update(pod);
  }

  /** The worker of a pod on this node. */
  Optional<PodWorker> find(String namespace, String name) {
    return workers.values().stream().filter(w -> w.namespace().equals(namespace) && w.name().equals(name)).findFirst();
  }

  /** Stops every pod's processes: SIGTERM to all, then SIGKILL to what is left after {@code graceMillis}. */
  void shutdown(long graceMillis) {
    stopping = true;
    List<PodWorker> all = List.copyOf(workers.values());
    CompletableFuture<?>[] exits = all.stream().flatMap(w -> w.terminateAll().stream()).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(graceMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.info("processes still running after {} ms: SIGKILL", graceMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    all.forEach(PodWorker::killRemaining);
  }

  @Override
  public void finished(String uid) {
    workers.remove(uid);
    done.add(uid);
  }

  @Override
  public KubernetesClient client() {
    return parts.client();
  }

  @Override
  public Path stateDir() {
    return parts.stateDir();
  }

  @Override
  public String hostIp() {
    return parts.hostIp();
  }

  @Override
  public PodIpPool ips() {
    return parts.ips();
  }

  @Override
  public ImageCatalog images() {
    return parts.images();
  }

  @Override
  public EnvironmentBuilder environment() {
    return parts.environment();
  }

  @Override
  public ProcessEnvironment processEnvironment() {
    return parts.processEnvironment();
  }

  @Override
  public VolumeWriter volumes() {
    return parts.volumes();
  }

  @Override
  public ProbeCheck probeCheck() {
    return parts.probeCheck();
  }

  @Override
  public ScheduledExecutorService probeScheduler() {
    return parts.probeScheduler();
  }

  @Override
  public EventRecorder events() {
    return parts.events();
  }

  @Override
  public Path hostsFile(String namespace) {
    return parts.hosts().fileFor(namespace);
  }

  @Override
  public void podsChanged() {
    parts.hosts().changed();
  }
}
