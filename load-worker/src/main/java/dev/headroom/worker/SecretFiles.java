package dev.headroom.worker;

import dev.headroom.plan.SecretHeader;
import dev.headroom.plan.SecretSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Secret header values from files {@code <dir>/<secret name>/<key>}: how the operator mounts
 * Secrets into workers, and how a local run is given them.
 */
public record SecretFiles(Path dir) implements SecretSource {

  @Override
  public String value(SecretHeader.SecretKeyRef ref) {
    Path file = dir.resolve(ref.name()).resolve(ref.key());
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("secret " + ref.name() + "/" + ref.key() + " is not at " + file);
    }
  }
}
