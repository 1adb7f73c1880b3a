package dev.headroom.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A CronJob for load tests: each firing creates a {@link LoadTest} the schedule owns. */
@Group("headroom.dev")
@Version("v1alpha1")
@ShortNames("lts")
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule")
@AdditionalPrinterColumn(name = "Suspend", jsonPath = ".spec.suspend", type = Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Last", jsonPath = ".status.lastScheduleTime", type = Type.DATE)
@AdditionalPrinterColumn(name = "Next", jsonPath = ".status.nextScheduleTime")
@AdditionalPrinterColumn(name = "Last Verdict", jsonPath = ".status.lastVerdict")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class LoadTestSchedule extends CustomResource<LoadTestScheduleSpec, LoadTestScheduleStatus>
    implements Namespaced {

  /** Overridden only so the generated CRD marks {@code spec} required. */
  @Override
  @Required
  public LoadTestScheduleSpec getSpec() {
    return super.getSpec();
  }
}
