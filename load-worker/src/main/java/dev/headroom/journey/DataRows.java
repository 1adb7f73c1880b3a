package dev.headroom.journey;

import dev.headroom.plan.DataSet;
import dev.headroom.plan.DataTable;
import dev.headroom.plan.Share;
import java.util.random.RandomGenerator;

/**
 * One lane's way through a data set's rows. The lanes of all workers split the run into shares
 * (every {@code stride}-th journey from {@code offset}), so Unique takes rows {@code offset},
 * {@code offset + stride}, ... and no two lanes anywhere take the same row, with no coordination.
 * Sequential walks all the rows in order from a start spread by the share, wrapping; Random draws.
 */
public final class DataRows {

  private final DataTable table;
  private final DataSet.Order order;
  private final Share share;
  private final RandomGenerator random;
  private long taken;

  public DataRows(DataTable table, DataSet.Order order, Share share, RandomGenerator random) {
    this.table = table;
    this.order = order;
    this.share = share;
    this.random = random;
  }

  /** The next row, or null when Unique rows of this share have run out. */
  public String[] next() {
    int n = table.rows().size();
    long k = taken++;
    long index = switch (order) {
      case Unique -> share.offset() + k * share.stride();
      case Random -> random.nextInt(n);
      case Sequential -> ((long) share.offset() * n / share.stride() + k) % n;
    };
    return index < n ? table.rows().get((int) index) : null;
  }

  public DataTable table() {
    return table;
  }
}
