package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one run of a container: resolves the image to an entrypoint, builds the environment and
 * the mount variables, expands the command and starts the process. When it cannot, it leaves the
 * reason in the run's waiting state and records a Warning event once per reason.
 */
final class ContainerLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerLauncher.class);

  private final NodeServices node;
  private final PodDirectory dir;

  ContainerLauncher(NodeServices node, PodDirectory dir) {
    this.node = node;
    this.dir = dir;
  }

  /** Starts the container; false if it could not be, with the reason in {@code run.waiting}. */
  boolean start(Pod pod, ContainerRun run, FieldPaths.Addresses addresses, Map<String, Path> volumeDirs, Instant now)
      throws IOException {
    Container spec = run.spec;
    Optional<List<String>> entrypoint = node.images().entrypoint(spec.getImage());
    if (entrypoint.isEmpty()) {
      wait(pod, run, "ErrImagePull", "Failed to pull image \"" + spec.getImage() + "\": " + ImageCatalog.UNKNOWN_IMAGE_MESSAGE);
      return false;
    }
    Map<String, String> env;
    try {
      env = environment(pod, spec, addresses, volumeDirs);
    } catch (ContainerConfigException e) {
      wait(pod, run, "CreateContainerConfigError", e.getMessage());
      return false;
    }
    List<String> command = spec.getCommand() == null || spec.getCommand().isEmpty() ? entrypoint.get() : spec.getCommand();
    List<String> argv = new ArrayList<>(VariableExpansion.expandAll(command, env));
    if (spec.getArgs() != null) {
      argv.addAll(VariableExpansion.expandAll(spec.getArgs(), env));
    }
    if (run.terminated != null) {
      run.lastTermination = run.terminated;
      run.terminated = null;
      run.restartCount++;
    }
    try {
      run.process = ContainerProcess.start(argv, env, dir.root(), dir.logs(spec.getName()).resolve(run.runs + ".log"),
          dir.pidFile(spec.getName()));
    } catch (IOException e) {
      String message = "cannot start " + argv.get(0) + ": " + e.getMessage();
      run.terminated = new ContainerSnapshot.Termination(128, "StartError", message, null, now, null);
      run.notBefore = now.plus(run.backoff());
      wait(pod, run, "RunContainerError", message);
      return false;
    }
    run.runs++;
    run.waiting = null;
    run.env = env;
    run.workDir = dir.root();
    LOG.info("pod {}/{} container {} started: pid {} {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
        spec.getName(), run.process.pid(), argv);
    node.events().normal(pod, "Started", "Started container " + spec.getName());
    return true;
  }

  private Map<String, String> environment(Pod pod, Container spec, FieldPaths.Addresses addresses,
                                          Map<String, Path> volumeDirs) throws ContainerConfigException, IOException {
    Files.createDirectories(dir.home());
    Map<String, String> podEnv = node.environment().build(pod, spec, addresses,
        node.processEnvironment().base(pod, dir.home()));
    Map<String, Path> mounts = MountEnvironment.mounts(spec, volumeDirs);
    Path mountsFile = dir.mountsFile(spec.getName());
    Files.writeString(mountsFile, MountEnvironment.json(mounts));
    return node.processEnvironment().finish(spec, podEnv, addresses.podIp(),
        MountEnvironment.variables(mounts, mountsFile), node.hostsFile(pod.getMetadata().getNamespace()));
  }

  private void wait(Pod pod, ContainerRun run, String reason, String message) {
    if (run.waiting == null || !message.equals(run.waiting.message())) {
      node.events().warning(pod, "Failed", reason.equals("ErrImagePull") ? message : "Error: " + message);
    }
    run.waiting = new ContainerSnapshot.Waiting(reason, message);
  }
}
