package dev.headroom.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A load test: the spec is its only input, the status its only output. */
@Group("headroom.dev")
@Version("v1alpha1")
@ShortNames("lt")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Verdict", jsonPath = ".status.verdict")
@AdditionalPrinterColumn(name = "Workers", jsonPath = ".status.workers.ready", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "RPS", jsonPath = ".status.summary.rps", type = Type.NUMBER)
@AdditionalPrinterColumn(name = "P99", jsonPath = ".status.summary.latency.p99")
@AdditionalPrinterColumn(name = "Capacity", jsonPath = ".status.capacity.maxSustainableRps", type = Type.NUMBER)
@AdditionalPrinterColumn(name = "Headroom", jsonPath = ".status.capacity.headroom")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class LoadTest extends CustomResource<LoadTestSpec, LoadTestStatus> implements Namespaced {

  /** Overridden only so the generated CRD marks {@code spec} required. */
  @Override
  @Required
  public LoadTestSpec getSpec() {
    return super.getSpec();
  }
}
