package dev.headroom.worker;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.headroom.worker.WorkerMain.SetupException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Maps in-container mount paths to where a process-based kubelet put the volumes. That kubelet
 * names, in {@code HEADROOM_MOUNTS}, a JSON file holding an object of mount path → directory.
 */
record MountPaths(Map<String, String> mounts) {

  /** The mounts listed in the file {@code file} names; none when it is unset. */
  static MountPaths from(String file) {
    if (file == null || file.isBlank()) {
      return new MountPaths(Map.of());
    }
    Path path = Path.of(file.trim());
    try {
      return new MountPaths(WireJson.MAPPER.readValue(path.toFile(), new TypeReference<Map<String, String>>() {}));
    } catch (IOException e) {
      throw new SetupException("HEADROOM_MOUNTS must name a JSON file of mount path to directory; cannot read "
          + path + ": " + e.getMessage());
    }
  }

  Path resolve(String path) {
    String best = null;
    for (String mount : mounts.keySet()) {
      boolean under = path.equals(mount) || path.startsWith(mount.endsWith("/") ? mount : mount + "/");
      if (under && (best == null || mount.length() > best.length())) {
        best = mount;
      }
    }
    if (best == null) {
      return Path.of(path);
    }
    return Path.of(mounts.get(best)).resolve(path.substring(best.length()).replaceFirst("^/", ""));
  }
}
