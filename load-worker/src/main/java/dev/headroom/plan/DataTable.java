package dev.headroom.plan;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A data set's rows, parsed from CSV with a header row. Messages name lines and columns, never a
 * value: the rows may come from a Secret.
 */
public record DataTable(String name, List<String> columns, List<String[]> rows) {

  /** More rows than any ConfigMap holds (1 MiB); the cap keeps a mistaken file from filling a heap. */
  public static final int MAX_ROWS = 1_000_000;
  public static final int MAX_COLUMNS = 100;

  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  public DataTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /**
   * Parses {@code csv}: a header row of column names, then rows of as many fields.
   *
   * @throws IllegalArgumentException naming the line at fault, when it is not such a CSV
   */
  public static DataTable parse(String name, Reader csv) {
    List<String> columns = null;
    List<String[]> rows = new ArrayList<>();
    int nextLine = 1;
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(csv)) {
      while (it.hasNextValue()) {
        int line = nextLine;
        String[] fields = it.nextValue();
        nextLine = it.getCurrentLocation().getLineNr(); // the reader stops past the row's line end
        if (columns == null) {
          columns = columns(fields);
        } else if (fields.length == 1 && fields[0].isEmpty()) {
          continue; // a blank line, such as the one an editor leaves at the end
        } else if (fields.length != columns.size()) {
          throw new IllegalArgumentException("line " + line + " has " + fields.length + " fields; the header row has "
              + columns.size());
        } else if (rows.size() == MAX_ROWS) {
          throw new IllegalArgumentException("more than " + MAX_ROWS + " rows");
        } else {
          rows.add(fields);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw (IllegalArgumentException) e;
      }
      // Jackson's message quotes the text it choked on, which may be secret: say where, not what.
      throw new IllegalArgumentException("is not valid CSV" + where(e));
    }
    if (columns == null) {
      throw new IllegalArgumentException("is empty: it needs a header row naming the columns");
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("has a header row but no rows");
    }
    return new DataTable(name, columns, rows);
  }

  private static List<String> columns(String[] header) {
    if (header.length > MAX_COLUMNS) {
      throw new IllegalArgumentException("has " + header.length + " columns; at most " + MAX_COLUMNS);
    }
    Set<String> seen = new HashSet<>();
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      String column = header[i].strip();
      if (!COLUMN.matcher(column).matches()) {
        throw new IllegalArgumentException("header row: column " + (i + 1) + " is not a name templates can use"
            + " (letters, digits, _ and -, not starting with a digit or -)");
      }
      if (!seen.add(column)) {
        throw new IllegalArgumentException("header row: column '" + column + "' appears twice");
      }
      columns.add(column);
    }
    return columns;
  }

  private static String where(Exception e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
      return " at line " + j.getLocation().getLineNr();
    }
    return "";
  }

  /** The index of {@code column}, or -1. */
  public int column(String column) {
    return columns.indexOf(column);
  }
}
