package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * The worker pods. Rates and users in {@code load} are totals; each of {@code replicas} workers
 * takes its share.
 *
 * @param failurePolicy what a worker lost mid-run means: {@code Continue} (keep the result, mark
 *     it) or {@code Fail}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Workers(
    @Min(1)
    @Max(1000) // LoadTestValidator.MAX_REPLICAS; CrdSchemaTest keeps them equal
    @JsonPropertyDescription("Worker pods (default 1); each takes its share of every stage's rate or users.")
    Integer replicas,
    @JsonPropertyDescription("The worker image; the operator's configured headroom-worker image when absent.")
    String image,
    @JsonPropertyDescription("Resources of each worker container; a cpu request also sets the worker's event loops.")
    ResourceRequirements resources,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    Affinity affinity,
    @JsonPropertyDescription(
        "A worker lost mid-run: Continue (keep the result, counted in status.workers.lost) or Fail.")
    FailurePolicy failurePolicy) {

  public enum FailurePolicy {
    Continue,
    Fail
  }
}
