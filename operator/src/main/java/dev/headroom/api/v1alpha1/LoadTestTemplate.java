package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** The LoadTest a schedule creates at each firing: its spec, labels and annotations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadTestTemplate(
    @JsonPropertyDescription("Labels and annotations of each LoadTest created.") Metadata metadata,
    @Required @JsonPropertyDescription("The spec of each LoadTest created.") LoadTestSpec spec) {

  /** The part of an object's metadata a template may set. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Metadata(Map<String, String> labels, Map<String, String> annotations) {}
}
