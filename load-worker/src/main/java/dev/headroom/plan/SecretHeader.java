package dev.headroom.plan;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A header whose value lives in a Kubernetes Secret. The plan only names the Secret; the value is
 * mounted into the worker and never written to the plan, status, logs or reports.
 */
public record SecretHeader(
    @Required @Pattern(ApiPatterns.HEADER_NAME) @JsonPropertyDescription("The header's name.") String name,
    @Required SecretKeyRef secretKeyRef) {

  /** Which key of which Secret (in the LoadTest's namespace). */
  public record SecretKeyRef(
      @Required @JsonPropertyDescription("A Secret in the LoadTest's namespace.") String name,
      @Required @JsonPropertyDescription("The key whose value is the header's value.") String key) {}
}
