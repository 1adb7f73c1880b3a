package dev.headroom.operator;

import dev.headroom.engine.LoadWorker;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.operator.run.TestPods;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.Plan;
import dev.headroom.plan.SecretSource;
import dev.headroom.testing.Await;
import dev.headroom.worker.ControlServer;
import dev.headroom.worker.WireJson;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the worker Jobs in a {@link FakeCluster} the way a kubelet would, minus containers: each
 * pod is a real {@link LoadWorker} behind a real {@link ControlServer} on loopback, given the plan
 * and token of the run's ConfigMap and Secret. Images named {@code missing...} never pull; images
 * named {@code crash...} exit at once with a plan error.
 */
public final class LoopbackKubelet implements AutoCloseable {

  private static final Duration T = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final FakeCluster cluster;
  /** Per Job uid, the pods by index. */
  private final Map<String, Map<Integer, Slot>> jobs = new LinkedHashMap<>();

  /** One pod: what it reports, and the worker behind it while it runs. */
  private static final class Slot {
    volatile Pod pod;
    LoadWorker worker;
    ControlServer server;
  }

  public LoopbackKubelet(Vertx vertx, FakeCluster cluster) {
    this.vertx = vertx;
    this.cluster = cluster;
  }

  /** The pods of every Job in the cluster, as reported now; a Job seen the first time gets its pods. */
  public synchronized List<Pod> pods() {
    List<String> live = cluster.jobs().stream().map(j -> j.getMetadata().getUid()).toList();
    jobs.keySet().removeIf(uid -> {
      boolean gone = !live.contains(uid);
      if (gone) {
        jobs.get(uid).values().forEach(LoopbackKubelet::stopProcess);
      }
      return gone;
    });
    for (Job job : cluster.jobs()) {
      jobs.computeIfAbsent(job.getMetadata().getUid(), uid -> schedule(job));
    }
    List<Pod> pods = new ArrayList<>();
    jobs.values().forEach(slots -> slots.values().forEach(s -> pods.add(s.pod)));
    return pods;
  }

  /** Kills worker {@code index} of {@code run}'s Job, as an OOM kill would. */
  public synchronized void kill(int run, int index) {
    Job job = job(run);
    Slot slot = jobs.get(job.getMetadata().getUid()).get(index);
    stopProcess(slot);
    slot.pod = TestPods.ended(slot.pod, 137, "OOMKilled");
  }

  /**
   * Stops worker {@code index} of {@code run} while its pod still says it runs, as a real kubelet's
   * pod does for the seconds before it notices the container died.
   */
  public synchronized void silence(int run, int index) {
    stopProcess(jobs.get(job(run).getMetadata().getUid()).get(index));
  }

  /** Whether the worker of {@code index} in {@code run} exited on its own with code 0. */
  public synchronized boolean exited(int run, int index) {
    Map<Integer, Slot> slots = jobs.get(job(run).getMetadata().getUid());
    return slots != null && "Succeeded".equals(slots.get(index).pod.getStatus().getPhase());
  }

  /** The worker process of {@code index} in {@code run}, while it runs. */
  public synchronized LoadWorker worker(int run, int index) {
    return jobs.get(job(run).getMetadata().getUid()).get(index).worker;
  }

  @Override
  public synchronized void close() {
    jobs.values().forEach(slots -> slots.values().forEach(LoopbackKubelet::stopProcess));
    jobs.clear();
  }

  private Job job(int run) {
    return cluster.jobs().stream()
        .filter(j -> Integer.toString(run).equals(j.getMetadata().getLabels().get(WorkerResources.RUN_LABEL)))
        .findFirst().orElseThrow(() -> new AssertionError("no Job of run " + run));
  }

  private Map<Integer, Slot> schedule(Job job) {
    String image = job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    int replicas = job.getSpec().getCompletions();
    Map<Integer, Slot> slots = new LinkedHashMap<>();
    for (int i = 0; i < replicas; i++) {
      Slot slot = new Slot();
      if (image.startsWith("missing")) {
        slot.pod = TestPods.waiting(job, i, "ImagePullBackOff", "Back-off pulling image \"" + image + "\"");
      } else if (image.startsWith("crash")) {
        slot.pod = TestPods.exited(job, i, 2, "Error", "headroom worker: invalid plan:\n  plan.load: required");
      } else {
        start(job, i, replicas, slot);
      }
      slots.put(i, slot);
    }
    return slots;
  }

  private void start(Job job, int index, int replicas, Slot slot) {
    String ns = job.getMetadata().getNamespace();
    String run = job.getMetadata().getName();
    ConfigMap plan = cluster.configMap(ns, run + "-plan").orElseThrow();
    Secret token = cluster.secret(ns, run + "-token").orElseThrow();
    try {
      Plan p = WireJson.MAPPER.readValue(plan.getData().get(WorkerResources.PLAN_KEY), Plan.class);
      ExecutionPlan compiled = ExecutionPlan.compile(p, SecretSource.NONE);
      slot.worker = Await.result(LoadWorker.create(vertx, compiled, index, replicas, LoadWorker.Options.defaults()), T);
      slot.server = Await.result(ControlServer.start(vertx, slot.worker, WorkerResources.tokenOf(token), "127.0.0.1", 0), T);
    } catch (Exception e) {
      throw new AssertionError("cannot start worker " + index + " of " + run, e);
    }
    slot.pod = TestPods.ready(job, index, "127.0.0.1", slot.server.port());
    slot.server.onStopAfterFinished(() -> {
      slot.pod = TestPods.ended(slot.pod, 0, "Completed");
      stopProcess(slot);
    });
  }

  private static void stopProcess(Slot slot) {
    if (slot.server != null) {
      slot.server.close();
      slot.worker.close();
      slot.server = null;
    }
  }
}
