package dev.headroom.operator;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.Verdict;
import dev.headroom.operator.kube.Cluster;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.operator.run.ActiveRuns;
import dev.headroom.operator.run.Baselines;
import dev.headroom.session.Conditions;
import dev.headroom.operator.run.Observed;
import dev.headroom.operator.run.Outcome;
import dev.headroom.operator.run.RunCollector;
import dev.headroom.operator.run.RunCreator;
import dev.headroom.operator.run.RunFinisher;
import dev.headroom.operator.run.RunSettler;
import dev.headroom.operator.run.RunStarter;
import dev.headroom.operator.run.RunTiming;
import dev.headroom.operator.run.RunTrigger;
import dev.headroom.operator.run.Checkpoints;
import dev.headroom.operator.run.ClusterData;
import dev.headroom.operator.run.SpecCheck;
import dev.headroom.operator.run.WorkerLinks;
import dev.headroom.session.RunFailure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs LoadTests. Each reconcile observes the LoadTest with its workers' Jobs and pods, takes the
 * one step its state calls for, and writes the status that results (only when it changed, from a
 * fresh object carrying nothing but the status). The steps, in the order a run meets them:
 *
 * <ol>
 *   <li>{@link SpecCheck} then {@link RunCreator}: a new or changed spec is validated against the
 *       schema rules and the admin's policy, then a run's ConfigMap, token Secret and Job are
 *       created ({@code Starting}). The last run, if any, is let go first.
 *   <li>{@link RunStarter}: when every worker is ready, all start at one instant ({@code Running}).
 *   <li>{@link RunCollector}: intervals are pulled and merged about once a second until every
 *       worker has finished; then {@link RunFinisher} writes the results ({@code Succeeded}).
 *   <li>{@link RunSettler}: finished workers are told to stop (and exit), and the TTL removes them.
 * </ol>
 *
 * <p>Every phase change is also a Kubernetes Event. A spec edited during a run waits for the next.
 */
// Reconciled on every event, deletion included, rather than through a Cleaner: a Cleaner needs a
// finalizer written into the LoadTest, and the operator writes nothing there but the status (so
// GitOps tools see no drift, and a LoadTest never hangs in deletion when the operator is gone).
// Owner references remove a deleted LoadTest's objects; the delete event only stops its workers now.
// Not generation-aware: a new run-token annotation must start a run too. RunTrigger lets through
// what generation-awareness did (spec and delete) and the token, and nothing else.
@ControllerConfiguration(name = LoadTestReconciler.NAME, triggerReconcilerOnAllEvents = true,
    generationAwareEventProcessing = false, informer = @Informer(onUpdateFilter = RunTrigger.class))
public final class LoadTestReconciler implements Reconciler<LoadTest> {

  public static final String NAME = "loadtest";

  private static final Logger LOG = LoggerFactory.getLogger(LoadTestReconciler.class);
  private static final int MAX_ERROR_TEXT = 500;

  private final Cluster cluster;
  private final Clock clock;
  private final RunTiming timing;
  private final OperatorMetrics metrics;
  private final ActiveRuns runs;
  private final SpecCheck specCheck;
  private final Baselines baselines;
  private final RunCreator creator;
  private final RunStarter starter;
  private final RunCollector collector;
  private final RunFinisher finisher;
  private final RunSettler settler;

  public LoadTestReconciler(OperatorConfig config, Cluster cluster, WorkerLinks links, RunTiming timing,
      Clock clock, OperatorMetrics metrics) {
    this.cluster = cluster;
    this.clock = clock;
    this.timing = timing;
    this.metrics = metrics;
    this.runs = new ActiveRuns(cluster);
    this.specCheck = new SpecCheck(config.policy());
    this.baselines = new Baselines(cluster);
    this.finisher = new RunFinisher(cluster, config.reportUrl());
    this.creator = new RunCreator(config, cluster, runs, finisher);
    Checkpoints checkpoints = new Checkpoints(cluster);
    this.starter = new RunStarter(runs, links, timing, checkpoints, metrics::intervalMerged);
    this.collector = new RunCollector(runs, links, timing, finisher, checkpoints, metrics::intervalMerged,
        (lt, run, session, replicas) -> metrics.runs().observed(lt.getMetadata().getNamespace(),
            lt.getMetadata().getName(), run, RunMetrics.Figures.of(session, replicas)));
    this.settler = new RunSettler(cluster, runs, links, checkpoints);
  }

  @Override
  public UpdateControl<LoadTest> reconcile(LoadTest lt, Context<LoadTest> context) {
    UpdateControl<LoadTest> control = reconcile(Observed.of(lt, context.getSecondaryResources(Job.class),
        context.getSecondaryResources(Pod.class), clock.instant()), context.isPrimaryResourceDeleted());
    if (!control.isPatchStatus()) {
      return control;
    }
    UpdateControl<LoadTest> written = UpdateControl.noUpdate();
    if (StatusWriter.write(lt, control.getResource().orElseThrow(), context)) {
      control.getScheduleDelay().ifPresent(written::rescheduleAfter);
    } else {
      written.rescheduleAfter(timing.pollEvery());
    }
    return written;
  }

  /**
   * One reconcile of what was observed: the whole lifecycle, without JOSDK's context.
   *
   * @param gone the LoadTest is deleted: this is JOSDK's last look at it
   */
  UpdateControl<LoadTest> reconcile(Observed o, boolean gone) {
    // Being deleted. A foreground delete (as Argo CD prunes) keeps the LoadTest a while, with a
    // generation the API server raised, which must not read as a spec edit and start a new run.
    if (gone || o.loadTest().isMarkedForDeletion()) {
      settler.stopOnDelete(o, gone);
      if (gone) {
        metrics.forget(key(o.loadTest()));
        metrics.runs().forget(o.loadTest().getMetadata().getNamespace(), o.loadTest().getMetadata().getName());
      }
      return UpdateControl.noUpdate();
    }
    Outcome outcome;
    try {
      outcome = switch (o.step()) {
        case NEW_RUN -> {
          settler.release(o);
          yield specCheck.check(o.loadTest(), new ClusterData(cluster, o.loadTest().getMetadata().getNamespace()))
              .or(() -> baselines.check(o.loadTest()).map(SpecCheck::baselineMissing))
              .map(rejection -> finisher.reject(o, rejection))
              .orElseGet(() -> creator.create(o));
        }
        case STARTING -> starter.advance(o);
        case RUNNING -> collector.advance(o);
        case SETTLED -> settler.settle(o);
      };
    } catch (RunFailure failure) {
      outcome = finisher.fail(o.loadTest(), o.draft(), failure, o.now());
    }
    return record(o, outcome);
  }

  /** Writes what a step decided: the spec-change condition, an Event on a phase change, the status. */
  private UpdateControl<LoadTest> record(Observed o, Outcome outcome) {
    LoadTestStatus next = outcome.status();
    markSpecChange(o, next);
    announce(o, outcome);
    metrics.phase(key(o.loadTest()), next.getPhase());
    if (inProgress(o.status().getPhase()) && LoadTestPhase.finished(next.getPhase()) && next.getRun() != null) {
      metrics.runs().ended(o.loadTest().getMetadata().getNamespace(), o.loadTest().getMetadata().getName(),
          next.getRun(), next.getVerdict() != null ? next.getVerdict().name() : next.getPhase().name(), o.now());
    }
    UpdateControl<LoadTest> control = next.equals(o.status())
        ? UpdateControl.noUpdate()
        : UpdateControl.patchStatus(statusOnly(o.loadTest(), next));
    // A run in progress (or one that just ended, to stop its workers) is looked at again soon.
    boolean inProgress = inProgress(o.status().getPhase()) || inProgress(next.getPhase());
    if (outcome.requeue() != null) {
      control.rescheduleAfter(outcome.requeue());
    } else if (inProgress) {
      control.rescheduleAfter(timing.pollEvery());
    }
    return control;
  }

  /** {@code SpecChanged}: True while a run goes on with a spec older than the resource's. */
  private static void markSpecChange(Observed o, LoadTestStatus s) {
    Long runGeneration = s.getObservedGeneration();
    if (runGeneration == null) {
      return;
    }
    boolean behind = o.generation() > runGeneration;
    if (behind && inProgress(s.getPhase())) {
      Conditions.put(s, Conditions.of(Conditions.SPEC_CHANGED, true, "AppliesToNextRun",
          "the spec changed (generation " + o.generation() + ") during run " + s.getRun()
              + ", which goes on with generation " + runGeneration + "; the change applies to the next run",
          o.nowText(), o.generation()));
    } else if (!behind && Conditions.get(s, Conditions.SPEC_CHANGED).isPresent()) {
      Conditions.put(s, Conditions.of(Conditions.SPEC_CHANGED, false, "RunUsesSpec",
          "the latest run uses the current spec", o.nowText(), o.generation()));
    }
  }

  /** An Event when the phase, the run or the judged spec changes. */
  private void announce(Observed o, Outcome outcome) {
    LoadTestStatus before = o.status();
    LoadTestStatus after = outcome.status();
    boolean changed = before.getPhase() != after.getPhase()
        || !Objects.equals(before.getRun(), after.getRun())
        || !Objects.equals(before.getObservedGeneration(), after.getObservedGeneration());
    if (!changed || after.getPhase() == null) {
      return;
    }
    boolean warning = after.getPhase() == LoadTestPhase.Failed || after.getVerdict() == Verdict.Fail;
    String reason = outcome.reason() != null ? outcome.reason() : after.getPhase().name();
    cluster.event(o.loadTest(), warning, reason, after.getMessage());
  }

  @Override
  public ErrorStatusUpdateControl<LoadTest> updateErrorStatus(LoadTest lt, Context<LoadTest> context, Exception e) {
    return errorStatus(lt, context.isPrimaryResourceDeleted(), e);
  }

  /** An unexpected error: said in the status message (the phase stays), and retried. */
  ErrorStatusUpdateControl<LoadTest> errorStatus(LoadTest lt, boolean deleted, Exception e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (text.length() > MAX_ERROR_TEXT) {
      text = text.substring(0, MAX_ERROR_TEXT) + "...";
    }
    LOG.warn("reconciling {} failed: {}", key(lt), text, e);
    if (deleted || lt.isMarkedForDeletion()) {
      return ErrorStatusUpdateControl.noStatusUpdate(); // no status to write on what is going away
    }
    LoadTestStatus s = Observed.of(lt, List.of(), List.of(), clock.instant()).draft();
    s.setMessage("operator error, retrying: " + text);
    return ErrorStatusUpdateControl.patchStatus(statusOnly(lt, s));
  }

  /** The Jobs and pods of every LoadTest, found by label, mapped back to their LoadTest. */
  @Override
  public List<EventSource<?, LoadTest>> prepareEventSources(EventSourceContext<LoadTest> context) {
    return List.of(workerInformer(Job.class, context), workerInformer(Pod.class, context));
  }

  private static <R extends HasMetadata> InformerEventSource<R, LoadTest> workerInformer(
      Class<R> type, EventSourceContext<LoadTest> context) {
    InformerEventSourceConfiguration<R> config = InformerEventSourceConfiguration.from(type, LoadTest.class)
        .withLabelSelector(WorkerResources.MANAGED_SELECTOR)
        .withSecondaryToPrimaryMapper(LoadTestReconciler::owningLoadTest)
        .build();
    return new InformerEventSource<>(config, context);
  }

  private static Set<ResourceID> owningLoadTest(HasMetadata resource) {
    Map<String, String> labels = resource.getMetadata().getLabels();
    String name = labels == null ? null : labels.get(WorkerResources.LOADTEST_LABEL);
    return name == null ? Set.of() : Set.of(new ResourceID(name, resource.getMetadata().getNamespace()));
  }

  /** A LoadTest with nothing but its name, namespace and {@code status}: what the status write says. */
  static LoadTest statusOnly(LoadTest lt, LoadTestStatus status) {
    LoadTest fresh = new LoadTest();
    fresh.setMetadata(new ObjectMetaBuilder()
        .withName(lt.getMetadata().getName())
        .withNamespace(lt.getMetadata().getNamespace())
        .build());
    fresh.setStatus(status);
    return fresh;
  }

  private static boolean inProgress(LoadTestPhase phase) {
    return phase == LoadTestPhase.Starting || phase == LoadTestPhase.Running;
  }

  private static String key(LoadTest lt) {
    return lt.getMetadata().getNamespace() + "/" + lt.getMetadata().getName();
  }
}
