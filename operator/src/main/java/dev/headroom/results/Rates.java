package dev.headroom.results;

/** Request rates as the API writes them: numbers with at most one decimal. */
public final class Rates {

  private Rates() {}

  /** {@code count} over {@code millis}, per second; 0 for an empty span. */
  public static double perSecond(long count, long millis) {
    return millis <= 0 ? 0 : count * 1000.0 / millis;
  }

  /** Rounded to one decimal, half up. */
  public static double round(double rps) {
    return Math.round(rps * 10) / 10.0;
  }

  /** For prose: whole numbers from 100 up ({@code 999.8} reads {@code 1000}), else one decimal. */
  public static String text(double rps) {
    if (rps >= 100) {
      return Long.toString(Math.round(rps));
    }
    double r = round(rps);
    return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
  }
}
