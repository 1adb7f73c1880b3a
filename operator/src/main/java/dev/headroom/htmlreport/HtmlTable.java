package dev.headroom.htmlreport;

import java.util.ArrayList;
import java.util.List;

/**
 * A section of the report that is a table: its title, perhaps a line saying what its figures are,
 * then the rows; nothing at all without rows.
 */
final class HtmlTable {

  /** A table cell that is markup already, made from escaped text. */
  record Markup(String html) {}

  private final String title;
  private final String[] headings;
  private final List<Object[]> rows = new ArrayList<>();
  private String note;

  HtmlTable(String title, String... headings) {
    this.title = title;
    this.headings = headings;
  }

  /** A line under the title, for what the headings are too short to say. */
  HtmlTable note(String text) {
    this.note = text;
    return this;
  }

  HtmlTable row(Object... cells) {
    rows.add(cells);
    return this;
  }

  String html() {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("<section><h2>").append(Html.text(title)).append("</h2>");
    if (note != null) {
      b.append("<p class=\"note\">").append(Html.text(note)).append("</p>");
    }
    b.append("<table><thead><tr>");
    for (String h : headings) {
      b.append("<th>").append(Html.text(h)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (Object[] row : rows) {
      b.append("<tr>");
      for (Object cell : row) {
        b.append("<td>").append(cell instanceof Markup m ? m.html() : Html.text(cell)).append("</td>");
      }
      b.append("</tr>");
    }
    return b.append("</tbody></table></section>").toString();
  }
}
