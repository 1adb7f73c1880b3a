package dev.headroom.plan;

import java.util.List;
import java.util.Optional;

/**
 * A data set's header row, where the validator can read it: the CLI reads the file, the operator the
 * ConfigMap or Secret. With it a {@code ${set.column}} naming no column is refused before a run,
 * at the template's field.
 */
@FunctionalInterface
public interface DataColumns {

  /**
   * The columns of {@code set}; empty when they cannot be known here.
   *
   * @throws IllegalArgumentException with a message fit to show a user, when the source is missing
   *     or is not a CSV with a header row
   */
  Optional<List<String>> of(DataSet set);

  /** Columns are not checked: the worker checks them when it loads the rows. */
  DataColumns UNKNOWN = set -> Optional.empty();
}
