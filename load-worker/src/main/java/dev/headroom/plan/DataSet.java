package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * Test data for journeys: rows of a CSV with a header row, which templates read as
 * {@code ${name.column}}. Each journey takes one row of every data set its steps name.
 *
 * <p>The rows come from one source: a ConfigMap key or a Secret key in the LoadTest's namespace
 * (mounted into the workers), or a file for {@code headroom run}. Rows from a Secret are sent and
 * nothing else: never logged, never in status or reports.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSet(
    @Required
    @Pattern(VARIABLE_PATTERN)
    @Size(max = PlanValidator.MAX_NAME_LENGTH)
    @JsonPropertyDescription("How templates name the rows: ${NAME.column}. Letters, digits and _.")
    String name,
    @JsonPropertyDescription("A ConfigMap key holding the CSV (with a header row), in the LoadTest's namespace.")
    KeyRef configMapKeyRef,
    @JsonPropertyDescription("A Secret key holding the CSV, for data that must not be seen: it is never logged or"
        + " shown in status or reports.")
    KeyRef secretKeyRef,
    @JsonPropertyDescription("For headroom run only: a CSV file, relative to the manifest.")
    String file,
    @JsonPropertyDescription("Which row each journey takes: Sequential (in order, wrapping; the default), Random,"
        + " or Unique (each row once across all workers; journeys after the last row fail with kind data).")
    Order order) {

  public static final String VARIABLE_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*$";

  /** Which row each journey takes. */
  public enum Order {
    Sequential,
    Random,
    Unique
  }

  /** A key of a ConfigMap or Secret in the LoadTest's namespace. */
  public record KeyRef(
      @Required @JsonPropertyDescription("The ConfigMap's or Secret's name.") String name,
      @Required @JsonPropertyDescription("The key whose value is the CSV.") String key) {}

  public Order orderOrDefault() {
    return order == null ? Order.Sequential : order;
  }

  /** The ConfigMap or Secret key the rows are in; null for a file. */
  public KeyRef keyRef() {
    return configMapKeyRef != null ? configMapKeyRef : secretKeyRef;
  }

  /** Whether the rows must stay out of everything but the requests. */
  public boolean secret() {
    return secretKeyRef != null;
  }
}
