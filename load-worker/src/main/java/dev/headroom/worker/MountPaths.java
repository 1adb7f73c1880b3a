package dev.headroom.worker;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.headroom.worker.WorkerMain.SetupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Maps in-container mount paths to where a process-based kubelet put the volumes. The test
 * kubelet passes {@code HEADROOM_MOUNTS} as the path of a JSON file; inline JSON works too.
 */
record MountPaths(Map<String, String> mounts) {

  static MountPaths from(String setting) {
    if (setting == null || setting.isBlank()) {
      return new MountPaths(Map.of());
    }
    try {
      String json = setting.strip().startsWith("{") ? setting : Files.readString(Path.of(setting.strip()));
      return new MountPaths(WireJson.MAPPER.readValue(json, new TypeReference<Map<String, String>>() {}));
    } catch (Exception e) {
      throw new SetupException(
          "HEADROOM_MOUNTS must be a JSON object of mount path to directory, or the path of a file holding one");
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
