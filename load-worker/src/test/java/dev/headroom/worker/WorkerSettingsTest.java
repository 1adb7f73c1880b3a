package dev.headroom.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.SecretHeader;
import dev.headroom.worker.WorkerMain.SetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings of a worker run as a plain process, whose volumes the test kubelet lists in a file. */
class WorkerSettingsTest {

  @Test
  void mountPathsComeFromTheFileHeadroomMountsNames(@TempDir Path dir) throws IOException {
    Path plan = Files.createDirectories(dir.resolve("volumes/plan"));
    Path token = Files.createDirectories(dir.resolve("volumes/token"));
    Files.writeString(token.resolve("token"), "t0ken\n");
    Path mounts = Files.writeString(dir.resolve("mounts.json"),
        "{\"/etc/headroom/plan\": \"" + plan + "\", \"/etc/headroom/token\": \"" + token + "\"}");

    WorkerSettings s = WorkerSettings.from(Map.of("HEADROOM_MOUNTS", mounts.toString()));

    assertEquals(plan.resolve("plan.json"), s.planFile());
    assertEquals("t0ken", s.token());
  }

  /** The operator mounts each Secret at {@code /etc/headroom/secrets/<name>}: a mount below the secrets dir. */
  @Test
  void secretsMountedOneByOneBelowTheSecretsDirAreFound(@TempDir Path dir) throws IOException {
    Path volume = Files.createDirectories(dir.resolve("volumes/secret-demo-api-token"));
    Files.writeString(volume.resolve("token"), "Bearer demo-token\n");
    Path token = Files.writeString(dir.resolve("token"), "t0ken");
    Path mounts = Files.writeString(dir.resolve("mounts.json"),
        "{\"/etc/headroom/secrets/demo-api-token\": \"" + volume + "\"}");

    WorkerSettings s = WorkerSettings.from(Map.of("HEADROOM_MOUNTS", mounts.toString(),
        "HEADROOM_TOKEN_FILE", token.toString()));

    assertEquals("Bearer demo-token", s.secrets().value(new SecretHeader.SecretKeyRef("demo-api-token", "token")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.secrets().value(new SecretHeader.SecretKeyRef("demo-api-token", "other")));
    assertTrue(e.getMessage().contains("demo-api-token/other"), e.getMessage());
  }

  @Test
  void anUnreadableMountsFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("mounts.json");
    SetupException e = assertThrows(SetupException.class,
        () -> WorkerSettings.from(Map.of("HEADROOM_MOUNTS", missing.toString())));
    assertTrue(e.getMessage().contains("HEADROOM_MOUNTS") && e.getMessage().contains(missing.toString()), e.getMessage());
  }
}
