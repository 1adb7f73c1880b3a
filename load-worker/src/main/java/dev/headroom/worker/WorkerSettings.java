package dev.headroom.worker;

import dev.headroom.worker.WorkerMain.SetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A worker pod's settings, all from its environment (names in {@code HEADROOM_*}). Paths may be
 * remapped by {@code HEADROOM_MOUNTS} (the path of a JSON file: mount path → directory), which test
 * kubelets that run pods as plain processes use in place of real mounts.
 */
record WorkerSettings(
    Path planFile, String token, Path secretsDir, Path dataDir, MountPaths mounts, int index, int count, String bindHost,
    int port, int lanes) {

  static WorkerSettings from(Map<String, String> env) {
    MountPaths mounts = MountPaths.from(env.get(WorkerPod.MOUNTS_ENV));
    Path tokenFile = mounts.resolve(env.getOrDefault(WorkerPod.TOKEN_FILE_ENV, WorkerPod.tokenFile()));
    String token;
    try {
      token = Files.readString(tokenFile).strip();
    } catch (IOException e) {
      throw new SetupException("cannot read the control token " + tokenFile + ": " + e.getMessage());
    }
    int count = integer(env, WorkerPod.WORKERS_ENV, 1);
    int index = integer(env, WorkerPod.INDEX_ENV, 0);
    if (count < 1 || index < 0 || index >= count) {
      throw new SetupException("worker index " + index + " is not in 0.." + (count - 1) + " (JOB_COMPLETION_INDEX, HEADROOM_WORKERS)");
    }
    String bind = env.getOrDefault(WorkerPod.BIND_ENV, env.getOrDefault("HEADROOM_POD_IP", "0.0.0.0"));
    return new WorkerSettings(
        mounts.resolve(env.getOrDefault(WorkerPod.PLAN_ENV, WorkerPod.planFile())),
        token,
        // Not resolved here: each Secret is a mount of its own below this directory.
        Path.of(env.getOrDefault(WorkerPod.SECRETS_DIR_ENV, WorkerPod.SECRETS_DIR)),
        Path.of(env.getOrDefault(WorkerPod.DATA_DIR_ENV, WorkerPod.DATA_DIR)),
        mounts,
        index,
        count,
        bind,
        integer(env, WorkerPod.CONTROL_PORT_ENV, ControlServer.DEFAULT_PORT),
        integer(env, WorkerPod.LANES_ENV, Runtime.getRuntime().availableProcessors()));
  }

  /** Secret header values from {@code <secretsDir>/<secret name>/<key>}, each file found through the mounts. */
  SecretFiles secrets() {
    return new SecretFiles(secretsDir, path -> mounts.resolve(path.toString()));
  }

  /** Data set rows from {@code <dataDir>/<set name>/<key>}, each file found through the mounts. */
  DataFiles data() {
    return new DataFiles(dataDir, path -> mounts.resolve(path.toString()));
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new SetupException(name + " must be a whole number, got '" + v + "'");
    }
  }
}
