package dev.headroom.cli;

import dev.headroom.plan.DataSet;
import dev.headroom.plan.DataSource;
import dev.headroom.plan.DataTable;
import dev.headroom.worker.DataFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data sets for {@code headroom run}: a {@code file} relative to the manifest, as a manifest kept in
 * Git sits beside its data; a ConfigMap or Secret key from {@code --data-dir DIR} as the file
 * {@code DIR/<name>/<key>}, the way {@code --secret-dir} gives Secret headers.
 *
 * @param dataDir null when {@code --data-dir} was not given
 */
record ManifestData(Path manifestDir, Path dataDir) implements DataSource {

  static ManifestData beside(Path manifest, Path dataDir) {
    Path dir = manifest.toAbsolutePath().getParent();
    return new ManifestData(dir == null ? Path.of("").toAbsolutePath() : dir, dataDir);
  }

  @Override
  public DataTable table(DataSet set) {
    if (set.file() != null) {
      return read(set, manifestDir.resolve(set.file()).normalize(), "file " + set.file());
    }
    DataSet.KeyRef ref = set.keyRef();
    String what = (set.secret() ? "Secret " : "ConfigMap ") + ref.name() + " key " + ref.key();
    if (dataDir == null) {
      throw new IllegalArgumentException("headroom run reads " + what + " from --data-dir DIR, as DIR/" + ref.name()
          + "/" + ref.key() + " (or give data set " + set.name() + " a file beside the manifest)");
    }
    return read(set, dataDir.resolve(ref.name()).resolve(ref.key()), what);
  }

  private static DataTable read(DataSet set, Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no file " + file + " for " + what);
    }
    return DataFiles.read(set, file, what);
  }
}
