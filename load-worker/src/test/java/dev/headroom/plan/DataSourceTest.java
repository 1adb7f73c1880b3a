package dev.headroom.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSourceTest {

  @Test
  void readOnceReadsEachSetOnceForTheValidatorAndTheCompilerAlike() {
    List<String> reads = new ArrayList<>();
    DataSource counting = set -> {
      reads.add(set.name());
      return DataTable.parse(set.name(), new StringReader("name\nann\n"));
    };
    DataSet users = new DataSet("users", new DataSet.KeyRef("shop-users", "users.csv"), null, null, null);
    DataSet cards = new DataSet("cards", null, new DataSet.KeyRef("shop-cards", "cards.csv"), null, null);
    DataSource once = counting.readOnce();

    assertEquals(List.of("name"), once.columns().of(users).orElseThrow());
    DataTable table = once.table(users);
    assertSame(table, once.table(users));
    once.table(cards);

    assertEquals(List.of("users", "cards"), reads);
  }
}
