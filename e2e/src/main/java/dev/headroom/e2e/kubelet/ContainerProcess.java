package dev.headroom.e2e.kubelet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a container: a local process in its own session (so its pid is also its process
 * group, and signals reach everything it started), stdout and stderr appended to one log file, and
 * a pid file that {@code e2e/cluster down} uses to kill leftovers if the kubelet dies.
 */
final class ContainerProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerProcess.class);
  private static final String SETSID = "/usr/bin/setsid";

  private final Process process;
  private final Path pidFile;
  private final Path logFile;
  private final Instant startedAt;

  private ContainerProcess(Process process, Path pidFile, Path logFile, Instant startedAt) {
    this.process = process;
    this.pidFile = pidFile;
    this.logFile = logFile;
    this.startedAt = startedAt;
  }

  /** Starts {@code argv} with exactly {@code env} (nothing inherited) in {@code workDir}. */
  static ContainerProcess start(List<String> argv, Map<String, String> env, Path workDir, Path logFile, Path pidFile)
      throws IOException {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of(SETSID))) {
      command.add(SETSID);
    }
    command.addAll(argv);
    Files.createDirectories(logFile.getParent());
    Files.createDirectories(workDir);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(env);
    Instant startedAt = Instant.now();
    Process process = builder.start();
    Files.writeString(pidFile, process.pid() + "\n", StandardCharsets.UTF_8);
    ContainerProcess started = new ContainerProcess(process, pidFile, logFile, startedAt);
    // A container ends when its main process does: whatever it left running goes with it.
    process.onExit().thenRun(started::reapGroup);
    return started;
  }

  long pid() {
    return process.pid();
  }

  Instant startedAt() {
    return startedAt;
  }

  Path logFile() {
    return logFile;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** The exit code; a process killed by signal N reports 128 + N, as a container runtime does. */
  int exitCode() {
    return process.exitValue();
  }

  /** SIGTERM to the whole process group, then SIGKILL if it has not exited within {@code grace}. */
  void stop(Duration grace) {
    signalGroup("TERM");
    try {
      if (!process.waitFor(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS)) {
        LOG.info("pid {} still running after {} ms grace; SIGKILL", pid(), grace.toMillis());
        signalGroup("KILL");
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      signalGroup("KILL");
    }
    reapGroup();
  }

  /** SIGTERM to the process group without waiting (shutdown: many groups are stopped in parallel). */
  void terminate() {
    signalGroup("TERM");
  }

  /** SIGKILL to the process group, without waiting. */
  void kill() {
    signalGroup("KILL");
  }

  private void reapGroup() {
    signalGroup("KILL");
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      LOG.warn("cannot delete pid file {}: {}", pidFile, e.getMessage());
    }
  }

  private void signalGroup(String signal) {
    try {
      // Java can signal a process but not a process group; kill(1) can.
      Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + pid())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      LOG.warn("kill -{} -{} failed: {}", signal, pid(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (process.isAlive()) {
      if ("KILL".equals(signal)) {
        process.destroyForcibly();
      } else {
        process.destroy();
      }
    }
  }
}
