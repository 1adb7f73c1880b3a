package dev.headroom.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataTableTest {

  private static DataTable parse(String csv) {
    return DataTable.parse("users", new StringReader(csv));
  }

  private static String problem(String csv) {
    return assertThrows(IllegalArgumentException.class, () -> parse(csv)).getMessage();
  }

  @Test
  void readsAHeaderRowAndRowsWithQuotedCommasQuotesAndLineBreaks() {
    DataTable t = parse("name,note\nann,\"likes, commas\"\n\"bo \"\"b\"\"\",\"two\nlines\"\n\n");
    assertEquals(List.of("name", "note"), t.columns());
    assertEquals(2, t.rows().size(), "the blank line at the end is not a row");
    assertArrayEquals(new String[] {"ann", "likes, commas"}, t.rows().get(0));
    assertArrayEquals(new String[] {"bo \"b\"", "two\nlines"}, t.rows().get(1));
    assertEquals(1, t.column("note"));
    assertEquals(-1, t.column("missing"));
  }

  @Test
  void aRowOfTheWrongWidthIsNamedByItsLineAndNotItsValues() {
    String message = problem("name,password\nann,hunter2\nbob,swordfish,extra\n");
    assertEquals("line 3 has 3 fields; the header row has 2", message);
    assertFalse(message.contains("swordfish"), "rows may come from a Secret");
  }

  @Test
  void malformedCsvSaysWhereNotWhat() {
    String message = problem("name,password\nann,\"hunter2\n");
    assertFalse(message.contains("hunter2"), message);
    assertTrue(message.startsWith("is not valid CSV"), message);
  }

  @Test
  void anEmptyFileAHeaderWithoutRowsAndBadColumnNamesAreRefused() {
    assertEquals("is empty: it needs a header row naming the columns", problem(""));
    assertEquals("has a header row but no rows", problem("name,password\n"));
    assertEquals("header row: column 'name' appears twice", problem("name,name\na,b\n"));
    assertEquals("header row: column 2 is not a name templates can use (letters, digits, _ and -, not starting with"
        + " a digit or -)", problem("name,1st\na,b\n"));
  }
}
