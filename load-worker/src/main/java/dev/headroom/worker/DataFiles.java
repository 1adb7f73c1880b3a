package dev.headroom.worker;

import dev.headroom.plan.DataSet;
import dev.headroom.plan.DataSource;
import dev.headroom.plan.DataTable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Data set rows from files {@code <dir>/<set name>/<key>}: where the operator mounts each data set's
 * ConfigMap or Secret key in a worker.
 *
 * @param locate where a file of that path really is: the path itself, except for a worker whose
 *     test kubelet put each mount elsewhere
 */
public record DataFiles(Path dir, UnaryOperator<Path> locate) implements DataSource {

  @Override
  public DataTable table(DataSet set) {
    DataSet.KeyRef ref = set.keyRef();
    if (ref == null) {
      throw new IllegalArgumentException("data set " + set.name() + ": a worker reads rows from a ConfigMap or a"
          + " Secret, not from a file");
    }
    Path file = locate.apply(dir.resolve(set.name()).resolve(ref.key()));
    return read(set, file, (set.secret() ? "Secret " : "ConfigMap ") + ref.name() + " key " + ref.key());
  }

  /** Reads {@code file} as {@code set}'s CSV; messages say {@code what} it is and where, never a value. */
  public static DataTable read(DataSet set, Path file, String what) {
    try (Reader csv = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return DataTable.parse(set.name(), csv);
    } catch (IOException e) {
      throw new IllegalArgumentException("data set " + set.name() + ": cannot read " + what + " (" + file + ")");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("data set " + set.name() + ": " + what + " " + e.getMessage());
    }
  }
}
