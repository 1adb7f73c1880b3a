package dev.headroom.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
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
    Integer replicas,
    String image,
    ResourceRequirements resources,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    Affinity affinity,
    FailurePolicy failurePolicy) {

  public enum FailurePolicy {
    Continue,
    Fail
  }
}
