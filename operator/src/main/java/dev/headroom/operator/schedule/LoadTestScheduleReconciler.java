package dev.headroom.operator.schedule;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.api.v1alpha1.LoadTestScheduleStatus;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.operator.StatusWriter;
import dev.headroom.operator.kube.Cluster;
import dev.headroom.operator.policy.Policy;
import dev.headroom.plan.Problem;
import dev.headroom.schedule.ScheduleDecision;
import dev.headroom.schedule.ScheduleEvent;
import dev.headroom.schedule.ScheduledChild;
import dev.headroom.schedule.SchedulePlanner;
import dev.headroom.validation.LoadTestValidator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs LoadTestSchedules, a CronJob for LoadTests. Each reconcile observes the schedule and the
 * LoadTests it controls, then:
 *
 * <ol>
 *   <li>{@link LoadTestValidator}, then the operator's {@link Policy} on the template: the problems
 *       {@code headroom validate} prints too; any, and the schedule only says so ({@code
 *       Valid=False}) and creates nothing;
 *   <li>{@link SchedulePlanner}: decides what the time calls for: fire, skip, replace, prune;
 *   <li>carries it out: deletes, then creates the run (create-if-absent: a run of the same firing
 *       made by an operator before a restart is the run), then records the Events;
 *   <li>writes the status (only when it changed) and looks again at the next firing.
 * </ol>
 *
 * <p>No finalizer: the runs are owned by the schedule, and the garbage collector deletes them with it.
 */
@ControllerConfiguration(name = LoadTestScheduleReconciler.NAME, maxReconciliationInterval =
    @MaxReconciliationInterval(interval = LoadTestScheduleReconciler.LOOK_AGAIN_MINUTES, timeUnit = TimeUnit.MINUTES))
public final class LoadTestScheduleReconciler implements Reconciler<LoadTestSchedule> {

  public static final String NAME = "loadtestschedule";
  /**
   * After JOSDK's retries are spent (an API outage longer than about 30 s), nothing but a timer
   * wakes a schedule, and JOSDK's own default waits 10 hours: a night's firing would be missed.
   * Also the longest a schedule with no firing coming (suspended, invalid) goes unlooked at.
   */
  static final int LOOK_AGAIN_MINUTES = 1;

  private static final Logger LOG = LoggerFactory.getLogger(LoadTestScheduleReconciler.class);
  /** A timer a little early finds nothing due yet: it must not spin until the firing. */
  private static final Duration MIN_WAKE = Duration.ofMillis(200);
  private static final Duration AFTER_CONFLICT = Duration.ofSeconds(1);
  private static final int MAX_ERROR_TEXT = 500;

  private final Cluster cluster;
  private final Policy policy;
  private final Clock clock;
  private final Duration poll;

  /**
   * @param policy the admin's, as for LoadTests: applied to the template, so that no run is made to be refused
   * @param poll look again this often whatever the next firing (a test clock that jumps); null: at
   *     the next firing, and on every change of the schedule or its runs
   */
  public LoadTestScheduleReconciler(Cluster cluster, Policy policy, Clock clock, Duration poll) {
    this.cluster = cluster;
    this.policy = policy;
    this.clock = clock;
    this.poll = poll;
  }

  @Override
  public UpdateControl<LoadTestSchedule> reconcile(LoadTestSchedule schedule, Context<LoadTestSchedule> context) {
    UpdateControl<LoadTestSchedule> control = reconcile(schedule, context.getSecondaryResources(LoadTest.class));
    if (!control.isPatchStatus()) {
      return control;
    }
    UpdateControl<LoadTestSchedule> written = UpdateControl.noUpdate();
    if (StatusWriter.write(schedule, control.getResource().orElseThrow(), context)) {
      control.getScheduleDelay().ifPresent(written::rescheduleAfter);
    } else {
      written.rescheduleAfter(AFTER_CONFLICT);
    }
    return written;
  }

  private static LoadTestSpec templateSpec(LoadTestSchedule schedule) {
    return schedule.getSpec() == null || schedule.getSpec().template() == null ? null : schedule.getSpec().template().spec();
  }

  /** One reconcile of the schedule and the LoadTests found for it, without JOSDK's context. */
  UpdateControl<LoadTestSchedule> reconcile(LoadTestSchedule schedule, Collection<LoadTest> owned) {
    if (schedule.isMarkedForDeletion()) {
      return UpdateControl.noUpdate();
    }
    List<ScheduledChild> children = owned.stream()
        .filter(lt -> ScheduledLoadTest.isRunOf(lt, schedule))
        .map(lt -> ScheduledLoadTest.child(lt, templateSpec(schedule)))
        .toList();
    ScheduleDecision decision = carryOut(schedule,
        SchedulePlanner.plan(schedule, children, problems(schedule), clock.instant()));
    LoadTestScheduleStatus status = decision.status();
    UpdateControl<LoadTestSchedule> control = status.equals(schedule.getStatus())
        ? UpdateControl.noUpdate()
        : UpdateControl.patchStatus(statusOnly(schedule, status));
    Duration wake = poll != null ? poll : decision.wakeAfter();
    if (wake != null) {
      control.rescheduleAfter(wake.compareTo(MIN_WAKE) < 0 ? MIN_WAKE : wake);
    }
    return control;
  }

  /**
   * The validator's problems; when there are none, the policy's on the template, each at its path
   * under {@code spec.template.spec} as {@code headroom validate --values} prints them. The policy
   * reads a spec whose form is valid, as it does for a LoadTest.
   */
  private List<Problem> problems(LoadTestSchedule schedule) {
    List<Problem> invalid = LoadTestValidator.validate(schedule);
    return invalid.isEmpty()
        ? policy.check(schedule.getSpec().template().spec(), LoadTestValidator.TEMPLATE_SPEC)
        : invalid;
  }

  /** Deletes first, so that a replaced run stops before its successor starts; Events last. */
  private ScheduleDecision carryOut(LoadTestSchedule schedule, ScheduleDecision decision) {
    String ns = schedule.getMetadata().getNamespace();
    decision.delete().forEach(name -> cluster.deleteLoadTest(ns, name));
    ScheduleDecision done = decision;
    if (decision.create() != null) {
      try {
        LoadTest run = cluster.createIfAbsent(ScheduledLoadTest.of(schedule, decision.create()));
        // Create-if-absent finds a LoadTest of the name; it is the run only if this schedule made it.
        if (!ScheduledLoadTest.controlledBy(run, schedule)) {
          done = decision.nameTaken();
        }
      } catch (Cluster.Refused refused) {
        done = decision.refused(refused.getMessage());
      }
    }
    for (ScheduleEvent e : done.events()) {
      LOG.info("{}/{}: {}", ns, schedule.getMetadata().getName(), e.message());
      cluster.event(schedule, e.warning(), e.reason(), e.message());
    }
    return done;
  }

  @Override
  public ErrorStatusUpdateControl<LoadTestSchedule> updateErrorStatus(LoadTestSchedule schedule,
      Context<LoadTestSchedule> context, Exception e) {
    return errorStatus(schedule, e, context.getRetryInfo().map(RetryInfo::isLastAttempt).orElse(true));
  }

  /**
   * The status says the error; JOSDK retries. On its last attempt the retries stop here and the
   * schedule looks again in {@link #LOOK_AGAIN_MINUTES}, with a fresh set of retries then, so that
   * an outage of any length ends in a reconcile, even if this status cannot be written either.
   */
  ErrorStatusUpdateControl<LoadTestSchedule> errorStatus(LoadTestSchedule schedule, Exception e, boolean lastAttempt) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (text.length() > MAX_ERROR_TEXT) {
      text = text.substring(0, MAX_ERROR_TEXT) + "...";
    }
    LOG.warn("reconciling {}/{} failed: {}", schedule.getMetadata().getNamespace(), schedule.getMetadata().getName(),
        text, e);
    if (schedule.isMarkedForDeletion()) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    LoadTestScheduleStatus s = schedule.getStatus() != null ? schedule.getStatus() : LoadTestScheduleStatus.NONE;
    ErrorStatusUpdateControl<LoadTestSchedule> control = ErrorStatusUpdateControl.patchStatus(statusOnly(schedule,
        new LoadTestScheduleStatus(s.observedGeneration(), s.lastScheduleTime(), s.nextScheduleTime(),
            s.passedOverUntil(), s.active(), s.lastVerdict(), s.lastRegressedRunTime(),
            SchedulePlanner.OPERATOR_ERROR + text, s.conditions(), s.history())));
    return lastAttempt ? control.withNoRetry().rescheduleAfter(Duration.ofMinutes(LOOK_AGAIN_MINUTES)) : control;
  }

  /** The LoadTests the schedules control, found by their label and mapped back by owner reference. */
  @Override
  public List<EventSource<?, LoadTestSchedule>> prepareEventSources(EventSourceContext<LoadTestSchedule> context) {
    InformerEventSourceConfiguration<LoadTest> runs =
        InformerEventSourceConfiguration.from(LoadTest.class, LoadTestSchedule.class)
            .withLabelSelector(ScheduledLoadTest.SCHEDULE_LABEL)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(LoadTestSchedule.class))
            .build();
    return List.of(new InformerEventSource<>(runs, context));
  }

  /** A schedule with nothing but its name, namespace and {@code status}: what the status write says. */
  static LoadTestSchedule statusOnly(LoadTestSchedule schedule, LoadTestScheduleStatus status) {
    LoadTestSchedule fresh = new LoadTestSchedule();
    fresh.setMetadata(new ObjectMetaBuilder()
        .withName(schedule.getMetadata().getName())
        .withNamespace(schedule.getMetadata().getNamespace())
        .build());
    fresh.setStatus(status);
    return fresh;
  }
}
