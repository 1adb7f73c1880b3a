package dev.headroom.htmlreport;

/** Text made safe for HTML and SVG: a request name or a message never becomes markup. */
final class Html {

  private Html() {}

  static String text(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Whether a link may be drawn to it: only http and https, whatever a saved status says, so a
   * report can never carry a {@code javascript:} link.
   */
  static boolean isWebAddress(String href) {
    return href != null && (href.startsWith("https://") || href.startsWith("http://"));
  }

  /**
   * Markup made a link that opens apart from the report, or left as it is when the address is not
   * a web one.
   */
  static String linked(String markup, String href) {
    if (!isWebAddress(href)) {
      return markup;
    }
    return "<a href=\"" + text(href) + "\" target=\"_blank\" rel=\"noopener noreferrer\">" + markup + "</a>";
  }
}
