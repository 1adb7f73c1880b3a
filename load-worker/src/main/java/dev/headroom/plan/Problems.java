package dev.headroom.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one validation, with the field checks that every validator shares so
 * each rule is worded the same wherever it applies.
 */
public final class Problems {

  private final List<Problem> list = new ArrayList<>();

  public void add(FieldPath path, String message) {
    list.add(Problem.at(path, message));
  }

  public void addAll(List<Problem> problems) {
    list.addAll(problems);
  }

  public List<Problem> list() {
    return List.copyOf(list);
  }

  /** Reports {@code required} when {@code value} is null; true when it is present. */
  public boolean required(FieldPath path, Object value) {
    if (value == null) {
      add(path, "required");
      return false;
    }
    return true;
  }

  /** Reports a field that must be absent; {@code why} says what to use instead. */
  public void absent(FieldPath path, Object value, String why) {
    if (value != null) {
      add(path, "not allowed " + why);
    }
  }

  /**
   * A duration in the API's form, or null (after reporting) when absent or not one. Never
   * negative: the form has no sign.
   */
  public Duration duration(FieldPath path, String text) {
    if (text == null) {
      return null;
    }
    try {
      Duration d = Durations.parse(text);
      if (d.isNegative()) {
        // Durations wraps instead of overflowing for absurd values such as 9999999h.
        add(path, "'" + text + "' is too long");
        return null;
      }
      return d;
    } catch (ArithmeticException e) {
      add(path, "'" + text + "' is too long");
    } catch (IllegalArgumentException e) {
      add(path, e.getMessage());
    }
    return null;
  }

  /** An optional duration that must be above zero when set. */
  public void positiveDuration(FieldPath path, String text) {
    Duration d = duration(path, text);
    if (d != null && d.isZero()) {
      add(path, "must be > 0");
    }
  }

  /** An optional number that must be finite and above zero when set. */
  public boolean positive(FieldPath path, Double value) {
    if (value == null || !finite(path, value)) {
      return false;
    }
    if (value <= 0) {
      add(path, "must be > 0");
      return false;
    }
    return true;
  }

  /** An optional number that must be finite and not negative when set. */
  public void notNegative(FieldPath path, Double value) {
    if (value != null && finite(path, value) && value < 0) {
      add(path, "must be >= 0");
    }
  }

  /** An optional whole number that must lie in {@code min..max} when set. */
  public void between(FieldPath path, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      add(path, "must be between " + min + " and " + max);
    }
  }

  private boolean finite(FieldPath path, double value) {
    if (!Double.isFinite(value)) {
      add(path, "must be a finite number");
      return false;
    }
    return true;
  }
}
