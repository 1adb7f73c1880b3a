package dev.headroom.plan;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Percentages as the API writes them: {@code "1%"}, {@code "0.5%"}, or a bare fraction such as
 * {@code 0.01}. Error rates, SLOs and the capacity search's precision all use this form.
 */
public final class Percent {

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

  private Percent() {}

  /**
   * The fraction a percentage stands for: {@code "1%"} and {@code "0.01"} are both 0.01. Ranges
   * are the caller's to check, since they differ by field.
   *
   * @throws IllegalArgumentException with a message fit to show a user, when it is not one
   */
  public static double parse(String text) {
    String s = text == null ? "" : text.trim();
    boolean percent = s.endsWith("%");
    String number = percent ? s.substring(0, s.length() - 1).trim() : s;
    if (!NUMBER.matcher(number).matches()) {
      throw new IllegalArgumentException(
          (s.isEmpty() ? "must be a percentage" : "'" + text + "' is not a percentage")
              + " (write e.g. 1% or 0.5%, or a fraction like 0.01)");
    }
    BigDecimal value = new BigDecimal(number);
    return (percent ? value.movePointLeft(2) : value).doubleValue();
  }
}
