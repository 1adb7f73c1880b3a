package dev.headroom.crd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository that the packaging tests check: the CRD copies, the chart, the examples. */
public final class RepoFiles {

  static final String CRD_FILE = "loadtests.headroom.dev-v1.yml";
  static final String SCHEDULE_CRD_FILE = "loadtestschedules.headroom.dev-v1.yml";

  /** The command that refreshes the committed CRD copies from the API classes. */
  static final String REFRESH_CRDS = "./mvnw -q -pl operator -am process-test-classes -DupdateCrds";

  private RepoFiles() {}

  /** The repository root: the nearest directory up from the working directory that holds {@code mvnw}. */
  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("operator"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root (a directory with mvnw) above " + Path.of("").toAbsolutePath());
  }

  /** The LoadTest CRD the build generated from the API classes (in {@code target/classes}). */
  static String generatedCrd() {
    return generatedCrd(CRD_FILE);
  }

  /** A CRD the build generated: {@link #CRD_FILE} or {@link #SCHEDULE_CRD_FILE}. */
  static String generatedCrd(String file) {
    try (InputStream in = RepoFiles.class.getResourceAsStream("/META-INF/fabric8/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no generated CRD on the class path; CrdWriter writes it in process-test-classes");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
