package dev.headroom.worker;

import dev.headroom.plan.SecretHeader;
import dev.headroom.plan.SecretSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Secret header values from files {@code <dir>/<secret name>/<key>}: how the operator mounts
 * Secrets into workers, and how a local run is given them.
 *
 * @param locate where a file of that path really is: the path itself, except for a worker whose
 *     test kubelet put each mounted Secret elsewhere
 */
public record SecretFiles(Path dir, UnaryOperator<Path> locate) implements SecretSource {

  public SecretFiles(Path dir) {
    this(dir, UnaryOperator.identity());
  }

  @Override
  public String value(SecretHeader.SecretKeyRef ref) {
    Path file = locate.apply(dir.resolve(ref.name()).resolve(ref.key()));
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("secret " + ref.name() + "/" + ref.key() + " is not at " + file);
    }
  }
}
