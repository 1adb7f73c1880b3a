package dev.headroom.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.DataSet;
import dev.headroom.plan.DataTable;
import dev.headroom.plan.Share;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataRowsTest {

  private static DataTable rows(int n) {
    StringBuilder csv = new StringBuilder("id\n");
    for (int i = 0; i < n; i++) {
      csv.append(i).append('\n');
    }
    return DataTable.parse("ids", new StringReader(csv.toString()));
  }

  private static DataRows rows(DataTable table, DataSet.Order order, Share share) {
    return new DataRows(table, order, share, new SplittableRandom(7));
  }

  @Test
  void uniqueRowsSplitOverEveryLaneOfEveryWorkerOnceEach() {
    DataTable table = rows(100);
    List<String> taken = new ArrayList<>();
    for (int worker = 0; worker < 3; worker++) {
      for (int lane = 0; lane < 2; lane++) {
        DataRows lanes = rows(table, DataSet.Order.Unique, Share.ofWorker(worker, 3).lane(lane, 2));
        for (String[] row = lanes.next(); row != null; row = lanes.next()) {
          taken.add(row[0]);
        }
        assertNull(lanes.next(), "once out, always out");
      }
    }
    assertEquals(100, taken.size());
    assertEquals(100, new HashSet<>(taken).size(), "no row twice across 3 workers of 2 lanes");
  }

  @Test
  void sequentialRowsGoInOrderAndWrap() {
    DataRows one = rows(rows(3), DataSet.Order.Sequential, Share.ofWorker(0, 1));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(one.next()[0]);
    }
    assertEquals(List.of("0", "1", "2", "0", "1", "2", "0"), ids);
    DataRows second = rows(rows(10), DataSet.Order.Sequential, Share.ofWorker(1, 2));
    assertEquals("5", second.next()[0], "worker 1 of 2 starts halfway, so workers do not send the same rows at once");
  }

  @Test
  void randomRowsComeFromTheTableAndCoverIt() {
    DataRows random = rows(rows(5), DataSet.Order.Random, Share.ofWorker(0, 1));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      seen.add(random.next()[0]);
    }
    assertEquals(Set.of("0", "1", "2", "3", "4"), seen);
    assertEquals(5, random.table().rows().size());
  }
}
