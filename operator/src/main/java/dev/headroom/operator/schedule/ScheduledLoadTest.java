package dev.headroom.operator.schedule;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.LoadTestTemplate;
import dev.headroom.schedule.NewRun;
import dev.headroom.schedule.ScheduledChild;
import dev.headroom.schedule.Times;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The LoadTest a schedule creates for a firing, and what the schedule reads back from one. */
public final class ScheduledLoadTest {

  /** On every run of a schedule: its name. */
  public static final String SCHEDULE_LABEL = "headroom.dev/schedule";
  /** The firing a run is for (RFC 3339): the key of the history, which names only approximate. */
  public static final String SCHEDULED_TIME_ANNOTATION = "headroom.dev/scheduled-time";

  private ScheduledLoadTest() {}

  /**
   * The template's labels, annotations and spec, plus the schedule's label, the firing's annotation,
   * {@code regression} as the schedule pins it, and the schedule as controlling owner, so that
   * deleting the schedule deletes its runs. No {@code blockOwnerDeletion}: it would need rights on
   * the schedule's finalizers, for foreground deletion only.
   */
  public static LoadTest of(LoadTestSchedule schedule, NewRun run) {
    LoadTestTemplate template = schedule.getSpec().template();
    LoadTestTemplate.Metadata meta = template.metadata();
    Map<String, String> labels = new LinkedHashMap<>(meta == null || meta.labels() == null ? Map.of() : meta.labels());
    labels.put(SCHEDULE_LABEL, schedule.getMetadata().getName());
    Map<String, String> annotations =
        new LinkedHashMap<>(meta == null || meta.annotations() == null ? Map.of() : meta.annotations());
    annotations.put(SCHEDULED_TIME_ANNOTATION, Times.text(run.scheduledTime()));
    LoadTestSpec spec = template.spec();
    LoadTest lt = new LoadTest();
    lt.setMetadata(new ObjectMetaBuilder()
        .withName(run.name())
        .withNamespace(schedule.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(owner(schedule))
        .build());
    lt.setSpec(run.regression() == null ? spec : spec.withRegression(run.regression()));
    return lt;
  }

  private static OwnerReference owner(LoadTestSchedule schedule) {
    return new OwnerReferenceBuilder()
        .withApiVersion(schedule.getApiVersion())
        .withKind(schedule.getKind())
        .withName(schedule.getMetadata().getName())
        .withUid(schedule.getMetadata().getUid())
        .withController(true)
        .build();
  }

  /** True when {@code schedule} controls {@code lt} and it is not on its way out. */
  public static boolean isRunOf(LoadTest lt, LoadTestSchedule schedule) {
    return lt.getMetadata().getDeletionTimestamp() == null && controlledBy(lt, schedule);
  }

  /** True when {@code lt}'s controlling owner is {@code schedule}, this one (its uid), not one of the same name. */
  public static boolean controlledBy(LoadTest lt, LoadTestSchedule schedule) {
    return lt.getMetadata().getOwnerReferences() != null
        && lt.getMetadata().getOwnerReferences().stream().anyMatch(o -> Boolean.TRUE.equals(o.getController())
            && Objects.equals(o.getUid(), schedule.getMetadata().getUid()));
  }

  /**
   * What the schedule needs of a run; the firing from its annotation, else when it was created.
   *
   * @param template the schedule's template spec now, to tell runs of an older one
   */
  public static ScheduledChild child(LoadTest lt, LoadTestSpec template) {
    LoadTestStatus s = lt.getStatus() == null ? new LoadTestStatus() : lt.getStatus();
    LoadTestSpec spec = lt.getSpec();
    return new ScheduledChild(
        lt.getMetadata().getName(),
        scheduledTime(lt),
        s.getPhase(),
        s.getVerdict(),
        s.getSummary() == null ? null : s.getSummary().rps(),
        s.getSummary() == null || s.getSummary().latency() == null ? null : s.getSummary().latency().p99(),
        s.getCapacity() == null ? null : s.getCapacity().maxSustainableRps(),
        s.getRegression() == null ? null : s.getRegression().regressed(),
        s.getMessage(),
        spec == null || spec.regression() == null ? null : spec.regression().baseline(),
        spec != null && template != null && spec.withRegression(null).equals(template.withRegression(null)));
  }

  private static Instant scheduledTime(LoadTest lt) {
    Map<String, String> annotations = lt.getMetadata().getAnnotations();
    String text = annotations == null ? null : annotations.get(SCHEDULED_TIME_ANNOTATION);
    try {
      if (text != null) {
        return Instant.parse(text);
      }
    } catch (DateTimeException e) {
      // someone edited it: the creation time is the next best
    }
    String created = lt.getMetadata().getCreationTimestamp();
    return created == null ? Instant.EPOCH : Instant.parse(created);
  }
}
