package dev.headroom.crd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code helm} binary the test control plane is built with ({@code e2e/build-binaries}), run as
 * a process. Found on {@code PATH} or in the binaries' cache; on CI ({@code CI=true}) a missing one
 * is built, elsewhere the tests that need it are skipped with a line saying how to get it.
 */
final class Helm {

  private static final long TIMEOUT_SECONDS = 120;
  private static final long BUILD_TIMEOUT_MINUTES = 30;

  /** What a helm command printed (stdout and stderr together) and its exit status. */
  record Result(int exitCode, String output) {}

  private final Path binary;

  private Helm(Path binary) {
    this.binary = binary;
  }

  /** The helm binary, or the calling test is skipped (failed on CI) when there is none. */
  static Helm require() {
    Optional<Path> found = onPath().or(Helm::inCache);
    if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
      found = Optional.of(build());
    }
    Assumptions.assumeTrue(found.isPresent(), "no helm binary: run e2e/build-binaries (needs Go), or put helm on PATH");
    return new Helm(found.get());
  }

  Result run(String... args) {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(List.of(args));
    return exec(command, TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static Optional<Path> onPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "helm"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Any build of e2e/build-binaries: lint and template need no particular Kubernetes version. */
  private static Optional<Path> inCache() {
    Path bins = cacheRoot().resolve("bin");
    if (!Files.isDirectory(bins)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(bins)) {
      return dirs.map(d -> d.resolve("helm")).filter(Files::isExecutable).sorted().findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Path cacheRoot() {
    String explicit = System.getenv("HEADROOM_CACHE");
    if (explicit != null && !explicit.isEmpty()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    return (xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
        .resolve("headroom");
  }

  private static Path build() {
    Result built = exec(List.of(RepoFiles.root().resolve("e2e/build-binaries").toString()), BUILD_TIMEOUT_MINUTES,
        TimeUnit.MINUTES);
    List<String> lines = built.output().lines().toList();
    if (built.exitCode() != 0 || lines.isEmpty()) {
      throw new IllegalStateException("e2e/build-binaries failed:\n" + built.output());
    }
    return Path.of(lines.get(lines.size() - 1).strip()).resolve("helm");
  }

  private static Result exec(List<String> command, long timeout, TimeUnit unit) {
    Path output = null;
    try {
      // Output goes to a file, so the deadline holds even if the command never closes its output.
      output = Files.createTempFile("helm", ".out");
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout, unit)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout + " " + unit);
      }
      return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }
}
