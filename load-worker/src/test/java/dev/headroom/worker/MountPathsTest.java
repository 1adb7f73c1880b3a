package dev.headroom.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountPathsTest {

  @TempDir Path dir;

  @Test
  void remapsTheLongestMatchingMountFromTheKubeletsFile() throws Exception {
    String json = "{\"/etc/headroom\": \"/a\", \"/etc/headroom/plan\": \"/b\"}";
    Path file = Files.writeString(dir.resolve("mounts.json"), json);
    {
      MountPaths m = MountPaths.from(file.toString());
      assertEquals(Path.of("/b/plan.json"), m.resolve("/etc/headroom/plan/plan.json"));
      assertEquals(Path.of("/a/token/token"), m.resolve("/etc/headroom/token/token"));
      assertEquals(Path.of("/etc/other"), m.resolve("/etc/other"));
      assertEquals(Path.of("/etc/headroomx/y"), m.resolve("/etc/headroomx/y"), "a prefix is not a parent");
    }
  }

  @Test
  void unreadableSettingsAreASetupError() {
    assertThrows(WorkerMain.SetupException.class, () -> MountPaths.from("{not json"));
    assertThrows(WorkerMain.SetupException.class, () -> MountPaths.from(dir.resolve("missing.json").toString()));
  }
}
