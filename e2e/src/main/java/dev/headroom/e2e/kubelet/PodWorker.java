package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pod on its own thread, level-triggered like a kubelet's pod worker: each pass looks at
 * the latest pod object and the processes, takes the next step (volumes, init containers one by
 * one, then the containers, restarts, deletion) and reports the status when it changed.
 */
final class PodWorker implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
  private static final Duration IDLE = Duration.ofSeconds(5);
  private static final Duration SETUP_RETRY = Duration.ofSeconds(2);

  private final NodeServices node;
  private final String uid;
  private final PodDirectory dir;
  private final ContainerLauncher launcher;
  private final List<ContainerRun> inits;
  private final List<ContainerRun> mains;
  private final Object signal = new Object();
  private boolean signalled;
  private volatile Pod pod;
  private volatile boolean removed;
  private final boolean adopted;

  private String podIp;
  private Map<String, Path> volumeDirs;
  private ContainerSnapshot.Waiting setupProblem;
  private String lastSetupEvent;
  private Instant startTime;
  private boolean initFailed;
  private String phase = PodPhases.PENDING;
  private PodStatus lastReported;

  PodWorker(NodeServices node, Pod pod) {
    this.node = node;
    this.pod = pod;
    this.uid = pod.getMetadata().getUid();
    this.dir = PodDirectory.of(node.stateDir(), uid);
    this.launcher = new ContainerLauncher(node, dir);
    this.inits = PodContainers.init(pod).stream().map(ContainerRun::new).toList();
    this.mains = PodContainers.main(pod).stream().map(ContainerRun::new).toList();
    // A pod that finished before this kubelet started (a restart) stays as it is: it must not run again.
    this.adopted = pod.getStatus() != null && PodPhases.isTerminal(pod.getStatus().getPhase());
    if (adopted) {
      phase = pod.getStatus().getPhase();
    }
  }

  String namespace() {
    return pod.getMetadata().getNamespace();
  }

  String name() {
    return pod.getMetadata().getName();
  }

  /** A newer version of the pod object. */
  void update(Pod latest) {
    pod = latest;
    wake();
  }

  /** The pod object is gone from the API server: stop at once. */
  void removed() {
    removed = true;
    wake();
  }

  /** The log files of a container, oldest run first; empty if there is no such container. */
  Optional<ContainerLogs> logs(String container) {
    return Stream.concat(inits.stream(), mains.stream())
        .filter(c -> c.name().equals(container))
        .findFirst()
        .map(c -> new ContainerLogs(dir.logs(container), () -> isAliveOn(c)));
  }

  private static boolean isAliveOn(ContainerRun run) {
    ContainerProcess p = run.process;
    return p != null && p.isAlive();
  }

  /** Sends SIGTERM to every process of the pod without waiting (kubelet shutdown); returns their exits. */
  List<CompletableFuture<Process>> terminateAll() {
    List<CompletableFuture<Process>> exits = new ArrayList<>();
    for (ContainerRun run : all()) {
      ContainerProcess p = run.process;
      if (p != null) {
        p.terminate();
        exits.add(p.onExit());
      }
    }
    return exits;
  }

  /** Sends SIGKILL to whatever of the pod is still running. */
  void killRemaining() {
    for (ContainerRun run : all()) {
      ContainerProcess p = run.process;
      if (p != null && p.isAlive()) {
        p.kill();
      }
    }
  }

  @Override
  public void run() {
    try {
      while (true) {
        Pod current = pod;
        if (removed || current.getMetadata().getDeletionTimestamp() != null) {
          terminate(current);
          return;
        }
        if (adopted) {
          await(IDLE);
          continue;
        }
        Duration next;
        try {
          next = sync(current);
          report(current);
        } catch (IOException | RuntimeException e) {
          LOG.warn("pod {}/{}: {}", namespace(), name(), e.toString());
          next = SETUP_RETRY;
        }
        await(next);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      node.finished(uid);
    }
  }

  // ------------------------------------------------------------------ the pod's lifecycle

  private Duration sync(Pod current) throws IOException {
    if (PodPhases.isTerminal(phase)) {
      return IDLE;
    }
    if (startTime == null) {
      startTime = Instant.now();
    }
    collectExits();
    if (podIp == null && Boolean.TRUE.equals(current.getSpec().getHostNetwork())) {
      podIp = node.hostIp();
    }
    if (podIp == null) {
      String previous = current.getStatus() == null ? null : current.getStatus().getPodIP();
      Optional<String> ip = node.ips().allocate(uid, previous);
      if (ip.isEmpty()) {
        setupProblem = new ContainerSnapshot.Waiting("ContainerCreating", "no free pod IP left in the node's pod CIDR");
        return SETUP_RETRY;
      }
      podIp = ip.get();
    }
    if (volumeDirs == null) {
      try {
        Files.createDirectories(dir.root());
        volumeDirs = node.volumes().write(current, dir.volumes(), addresses());
        setupProblem = null;
      } catch (ContainerConfigException e) {
        setupProblem = new ContainerSnapshot.Waiting("ContainerCreating", e.getMessage());
        if (!e.getMessage().equals(lastSetupEvent)) {
          lastSetupEvent = e.getMessage();
          node.events().warning(current, "FailedMount", "MountVolume.SetUp failed: " + e.getMessage());
        }
        return SETUP_RETRY;
      }
    }
    String restartPolicy = restartPolicy(current);
    Instant now = Instant.now();
    Duration next = IDLE;

    for (ContainerRun init : inits) {
      if (init.hasSucceeded()) {
        continue;
      }
      if (init.isRunning()) {
        return IDLE;
      }
      if (init.terminated != null) {
        if ("Never".equals(restartPolicy)) {
          initFailed = true;
          return finishIfTerminal(current, restartPolicy);
        }
        if (now.isBefore(init.notBefore)) {
          init.waiting = new ContainerSnapshot.Waiting("CrashLoopBackOff", backoffMessage(init));
          return Duration.between(now, init.notBefore);
        }
      }
      start(current, init, now);
      return IDLE;
    }

    for (ContainerRun main : mains) {
      if (main.isRunning()) {
        if (main.livenessFailed) {
          node.events().normal(current, "Killing", "Container " + main.name() + " failed liveness probe, will be restarted");
          main.process.stop(gracePeriod(current));
          main.exited(Instant.now());
          main.notBefore = Instant.now().plus(main.backoff());
        }
        continue;
      }
      if (!main.neverStarted() && !shouldRestart(restartPolicy, main)) {
        continue;
      }
      if (now.isBefore(main.notBefore)) {
        main.waiting = new ContainerSnapshot.Waiting("CrashLoopBackOff", backoffMessage(main));
        Duration wait = Duration.between(now, main.notBefore);
        next = wait.compareTo(next) < 0 ? wait : next;
        continue;
      }
      Duration retry = start(current, main, now);
      next = retry.compareTo(next) < 0 ? retry : next;
    }
    Duration finish = finishIfTerminal(current, restartPolicy);
    return finish.compareTo(next) < 0 ? finish : next;
  }

  private Duration finishIfTerminal(Pod current, String restartPolicy) {
    phase = currentPhase(restartPolicy);
    if (PodPhases.isTerminal(phase)) {
      LOG.info("pod {}/{} {}", namespace(), name(), phase);
      node.ips().release(uid);
      node.podsChanged();
    }
    return IDLE;
  }

  private String currentPhase(String restartPolicy) {
    boolean willRestart = mains.stream().anyMatch(m -> !m.isRunning() && !m.neverStarted() && shouldRestart(restartPolicy, m));
    return PodPhases.of(restartPolicy, inits.stream().allMatch(ContainerRun::hasSucceeded), initFailed,
        snapshots(mains), willRestart);
  }

  private static boolean shouldRestart(String restartPolicy, ContainerRun run) {
    return switch (restartPolicy) {
      case "Always" -> true;
      case "OnFailure" -> run.terminated != null && run.terminated.exitCode() != 0;
      default -> false;
    };
  }

  /** Starts a container; returns when to look again. */
  private Duration start(Pod current, ContainerRun run, Instant now) throws IOException {
    if (!launcher.start(current, run, addresses(), volumeDirs, now)) {
      // An unknown image will not appear by itself; a missing Secret or key may.
      return "ErrImagePull".equals(run.waiting.reason()) ? IDLE : SETUP_RETRY;
    }
    run.process.onExit().thenRun(this::wake);
    ContainerProbes.start(node, current, run, podIp, this::wake);
    return IDLE;
  }

  private void collectExits() {
    Instant now = Instant.now();
    for (ContainerRun run : all()) {
      if (run.process != null && !run.process.isAlive()) {
        run.exited(now);
        run.notBefore = now.plus(run.backoff());
        LOG.info("pod {}/{} container {} exited with {}", namespace(), name(), run.name(), run.terminated.exitCode());
      }
    }
  }

  // ------------------------------------------------------------------ deletion

  private void terminate(Pod current) throws InterruptedException {
    Duration grace = removed ? Duration.ZERO : gracePeriod(current);
    List<ContainerRun> running = all().stream().filter(ContainerRun::isRunning).toList();
    if (!running.isEmpty()) {
      LOG.info("pod {}/{} deleted: stopping {} container(s), grace {}s", namespace(), name(), running.size(), grace.toSeconds());
      List<Thread> stoppers = new ArrayList<>();
      for (ContainerRun run : running) {
        Thread t = new Thread(() -> run.process.stop(grace), "stop-" + name() + "-" + run.name());
        t.start();
        stoppers.add(t);
      }
      for (Thread t : stoppers) {
        t.join();
      }
    }
    collectExits();
    node.ips().release(uid);
    if (!removed) {
      try {
        node.client().pods().inNamespace(namespace()).withName(name()).withGracePeriod(0).delete();
      } catch (KubernetesClientException e) {
        LOG.warn("pod {}/{}: final delete failed: {}", namespace(), name(), e.getMessage());
      }
    }
    deleteTree(dir.root());
    node.podsChanged();
    LOG.info("pod {}/{} removed", namespace(), name());
  }

  private static Duration gracePeriod(Pod pod) {
    Long seconds = pod.getMetadata().getDeletionGracePeriodSeconds();
    if (seconds == null) {
      seconds = pod.getSpec().getTerminationGracePeriodSeconds();
    }
    return Duration.ofSeconds(seconds == null ? 30 : Math.max(0, seconds));
  }

  // ------------------------------------------------------------------ status

  private void report(Pod current) {
    String restartPolicy = restartPolicy(current);
    if (!PodPhases.isTerminal(phase)) {
      phase = currentPhase(restartPolicy);
    }
    List<ContainerSnapshot> initSnapshots = snapshots(inits);
    List<ContainerSnapshot> mainSnapshots = snapshots(mains);
    if (setupProblem != null) {
      mainSnapshots = mainSnapshots.stream().map(s -> s.isRunning() || s.isTerminated() ? s
          : new ContainerSnapshot(s.name(), s.image(), setupProblem, null, null, s.lastTermination(),
          s.restartCount(), false, false, null)).toList();
    }
    PodStatusFactory.Observation observation = new PodStatusFactory.Observation(phase, podIp, node.hostIp(), startTime,
        podIp != null && volumeDirs != null, inits.stream().allMatch(ContainerRun::hasSucceeded),
        initSnapshots, mainSnapshots);
    PodStatus status = PodStatusFactory.build(current, lastReported, observation, Instant.now());
    if (status.equals(lastReported)) {
      return;
    }
    boolean readinessChanged = lastReported == null || !readyOf(status).equals(readyOf(lastReported));
    Pod patch = new PodBuilder().withNewMetadata().withName(name()).withNamespace(namespace()).endMetadata()
        .withStatus(status).build();
    node.client().pods().inNamespace(namespace()).resource(patch).patchStatus();
    lastReported = status;
    if (readinessChanged) {
      node.podsChanged();
    }
  }

  private static String readyOf(PodStatus status) {
    return status.getConditions().stream().filter(c -> "Ready".equals(c.getType()))
        .map(c -> c.getStatus()).findFirst().orElse("");
  }

  private List<ContainerSnapshot> snapshots(List<ContainerRun> runs) {
    return runs.stream().map(r -> r.snapshot(r.spec.getImage())).toList();
  }

  private static String restartPolicy(Pod pod) {
    return pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
  }

  private static String backoffMessage(ContainerRun run) {
    return "back-off " + run.backoff().toSeconds() + "s restarting failed container=" + run.name();
  }

  // ------------------------------------------------------------------ plumbing

  private FieldPaths.Addresses addresses() {
    return new FieldPaths.Addresses(podIp, node.hostIp());
  }

  private List<ContainerRun> all() {
    List<ContainerRun> runs = new ArrayList<>(inits);
    runs.addAll(mains);
    return runs;
  }

  private void wake() {
    synchronized (signal) {
      signalled = true;
      signal.notifyAll();
    }
  }

  private void await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(1, timeout.toNanos());
    synchronized (signal) {
      while (!signalled) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(signal, left);
      }
      signalled = false;
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", dir, e.getMessage());
    }
  }
}
