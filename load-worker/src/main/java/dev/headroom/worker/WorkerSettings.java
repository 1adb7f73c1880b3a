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

  static final String PLAN = "/etc/headroom/plan/plan.json";
  static final String TOKEN = "/etc/headroom/token/token";
  static final String SECRETS = "/etc/headroom/secrets";

  static WorkerSettings from(Map<String, String> env) {
    MountPaths mounts = MountPaths.from(env.get("HEADROOM_MOUNTS"));
    Path tokenFile = mounts.resolve(env.getOrDefault("HEADROOM_TOKEN_FILE", TOKEN));
    String token;
    try {
      token = Files.readString(tokenFile).strip();
    } catch (IOException e) {
      throw new SetupException("cannot read the control token " + tokenFile + ": " + e.getMessage());
    }
    int count = integer(env, "HEADROOM_WORKERS", 1);
    int index = integer(env, "JOB_COMPLETION_INDEX", 0);
    if (count < 1 || index < 0 || index >= count) {
      throw new SetupException("worker index " + index + " is not in 0.." + (count - 1) + " (JOB_COMPLETION_INDEX, HEADROOM_WORKERS)");
    }
    String bind = env.getOrDefault("HEADROOM_BIND", env.getOrDefault("HEADROOM_POD_IP", "0.0.0.0"));
    return new WorkerSettings(
        mounts.resolve(env.getOrDefault("HEADROOM_PLAN", PLAN)),
        token,
        // Not resolved here: each Secret is a mount of its own below this directory.
        Path.of(env.getOrDefault("HEADROOM_SECRETS_DIR", SECRETS)),
        Path.of(env.getOrDefault(DataFiles.DIR_ENV, DataFiles.DIR)),
        mounts,
        index,
        count,
        bind,
        integer(env, "HEADROOM_CONTROL_PORT", ControlServer.DEFAULT_PORT),
        integer(env, "HEADROOM_LANES", Runtime.getRuntime().availableProcessors()));
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
