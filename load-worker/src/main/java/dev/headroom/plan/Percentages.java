package dev.headroom.plan;

/** Reads the shares a spec writes as percentages, in one way for the worker and the operator. */
public final class Percentages {

  private Percentages() {}

  /**
   * Reads a percentage ({@code "1%"}, {@code "0.5%"}) or a plain fraction ({@code "0.01"}).
   *
   * @throws IllegalArgumentException with a message fit for a user, when it is neither or negative
   */
  public static double parse(String text) {
    String s = text == null ? "" : text.trim();
    boolean percent = s.endsWith("%");
    String number = percent ? s.substring(0, s.length() - 1).trim() : s;
    double value;
    try {
      value = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (Double.isNaN(value) || Double.isInfinite(value) || value < 0 || number.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a percentage (write it like \"1%\" or as a fraction like 0.01)");
    }
    return percent ? value / 100 : value;
  }
}
