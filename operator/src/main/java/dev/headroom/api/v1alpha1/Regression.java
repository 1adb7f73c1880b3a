package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * A comparison of a run with a baseline run: a change counts as a regression only when it is
 * beyond its limit and statistically significant. With no limit given, {@code maxP99Increase:
 * 10%}, {@code maxErrorRateIncrease: 1%} and {@code maxCapacityDrop: 10%} apply.
 *
 * @param baseline {@code Previous} (the default) or the name of a LoadTest in the same namespace
 * @param maxErrorRateIncrease in percentage points: {@code 1%} allows 0.5% to become 1.5%
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Regression(
    @Pattern(BASELINE)
    @JsonPropertyDescription(
        "Previous (the default): the last run of this schedule, or of this LoadTest, that succeeded with"
            + " verdict Pass; or the name of a LoadTest in this namespace, whose latest succeeded run is the"
            + " baseline.")
    String baseline,
    @Pattern(PERCENT)
    @JsonPropertyDescription("Largest allowed rise of p50 over the baseline's, such as 20%.")
    String maxP50Increase,
    @Pattern(PERCENT)
    @JsonPropertyDescription("Largest allowed rise of p90 over the baseline's, such as 20%.")
    String maxP90Increase,
    @Pattern(PERCENT)
    @JsonPropertyDescription("Largest allowed rise of p99 over the baseline's, such as 20%.")
    String maxP99Increase,
    @Pattern(PERCENT)
    @JsonPropertyDescription(
        "Largest allowed rise of the error rate, in percentage points: 1% lets 0.5% become 1.5%.")
    String maxErrorRateIncrease,
    @Pattern(PERCENT)
    @JsonPropertyDescription("Largest allowed fall of the highest sustainable rate (capacity runs), such as 10%.")
    String maxCapacityDrop) {

  public static final String PREVIOUS = "Previous";

  /** No limit set: {@link #noLimits()}, so the default limits apply. */
  public static final Regression DEFAULT = new Regression(null, null, null, null, null, null);

  /** {@code Previous} or a Kubernetes object name. */
  public static final String BASELINE = "^(Previous|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$";

  /** A non-negative percentage such as {@code 10%} or {@code 0.5%}. */
  public static final String PERCENT = "^([0-9]+(\\.[0-9]+)?|\\.[0-9]+)%$";

  /** {@link #baseline}, {@code Previous} when unset. */
  public String baselineOrPrevious() {
    return baseline == null ? PREVIOUS : baseline;
  }

  /** The same limits against another baseline: a schedule pins Previous to the run it means. */
  public Regression withBaseline(String name) {
    return new Regression(name, maxP50Increase, maxP90Increase, maxP99Increase, maxErrorRateIncrease, maxCapacityDrop);
  }

  /** True when no limit is set, so the defaults apply. */
  public boolean noLimits() {
    return maxP50Increase == null && maxP90Increase == null && maxP99Increase == null
        && maxErrorRateIncrease == null && maxCapacityDrop == null;
  }
}
