package dev.headroom.plan;

/** Loads a data set's rows where the plan runs: mounted files in a worker, the manifest's files in a local run. */
@FunctionalInterface
public interface DataSource {

  /** @throws IllegalArgumentException naming the source, when it is missing or not a CSV with a header row and rows */
  DataTable table(DataSet set);

  /** The header rows of what this loads, for the validator. */
  default DataColumns columns() {
    return set -> java.util.Optional.of(table(set).columns());
  }

  /**
   * This source reading each set once: the validator reads a set for its header and the compiler
   * for its rows, and a large CSV should be parsed once, not twice, before a run starts.
   */
  default DataSource readOnce() {
    java.util.Map<DataSet, DataTable> read = new java.util.HashMap<>();
    return set -> read.computeIfAbsent(set, this::table);
  }

  DataSource NONE = set -> {
    throw new IllegalArgumentException("data set " + set.name() + " is not available here");
  };
}
