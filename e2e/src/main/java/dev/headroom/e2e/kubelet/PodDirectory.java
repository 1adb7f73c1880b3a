package dev.headroom.e2e.kubelet;

import java.nio.file.Path;

/**
 * Where a pod's files live: {@code <state-dir>/pods/<uid>/} holds {@code volumes/<name>/},
 * {@code logs/<container>/<run>.log}, {@code home/}, {@code mounts-<container>.json} and
 * {@code <container>.pid}. The pod's processes run in this directory.
 */
record PodDirectory(Path root) {

  static PodDirectory of(Path stateDir, String podUid) {
    return new PodDirectory(stateDir.resolve("pods").resolve(podUid));
  }

  Path volumes() {
    return root.resolve("volumes");
  }

  Path home() {
    return root.resolve("home");
  }

  Path logs(String container) {
    return root.resolve("logs").resolve(container);
  }

  Path mountsFile(String container) {
    return root.resolve("mounts-" + container + ".json");
  }

  Path pidFile(String container) {
    return root.resolve(container + ".pid");
  }
}
