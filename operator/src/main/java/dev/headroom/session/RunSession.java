package dev.headroom.session;

import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.capacity.CapacityPlan;
import dev.headroom.capacity.CapacitySearch;
import dev.headroom.collect.IntervalCollector;
import dev.headroom.collect.WorkerControl;
import dev.headroom.results.RunResults;
import dev.headroom.results.UnsentShare;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One run, driven over the workers' control ports: start them together, pull and merge their
 * intervals, step the rate when a capacity search asks, count lost workers, stop. It holds no
 * thread and no clock of its own: the operator calls {@link #advance} once per reconcile, {@code
 * headroom run} once a second in a loop, so both run exactly the same lifecycle.
 *
 * <p>Everything in it can be rebuilt. The caller writes a {@link #checkpoint} down now and then
 * and then {@link #acknowledge}s it, so the workers drop what it holds and their memory stays
 * bounded; after an operator restart a new session starts from the checkpoint, pulls what the
 * workers still keep (merging is idempotent), and a capacity search resumes from the steps
 * recorded. Intervals a worker dropped that no checkpoint holds fail the run: its totals would lie.
 */
public final class RunSession {

  /** How far ahead a rate change is announced, so every worker hears of it before it applies. */
  public static final Duration RATE_LEAD = Duration.ofMillis(800);

  private final List<WorkerControl> workers;
  private final RunResults results;
  private final CapacitySearch search;
  private final IntervalCollector collector;
  private boolean stopSent;
  private boolean resumeStep;
  /** When the current capacity step began (epoch ms); -1 when this session did not start it. */
  private long stepStartedAt = -1;

  /**
   * @param recordedSteps the capacity steps a status already recorded (a resumed run); empty for a
   *     new one
   * @param onMerged called for every interval merged for the first time (a metric)
   */
  public RunSession(LoadTestSpec spec, List<? extends WorkerControl> workers, List<CapacityStep> recordedSteps,
      Runnable onMerged) {
    this(spec, workers, recordedSteps, null, onMerged);
  }

  /**
   * @param checkpoint what this run recorded before (a resumed run), or null
   */
  public RunSession(LoadTestSpec spec, List<? extends WorkerControl> workers, List<CapacityStep> recordedSteps,
      SessionCheckpoint checkpoint, Runnable onMerged) {
    this.workers = List.copyOf(workers);
    this.results = checkpoint == null ? RunResults.forPlan(spec.plan())
        : RunResults.restore(spec.plan(), checkpoint.results());
    // The status or the checkpoint may be the one written last: resume from whichever knows more.
    List<CapacityStep> known = checkpoint != null && judged(checkpoint.capacitySteps()) > judged(recordedSteps)
        ? checkpoint.capacitySteps() : recordedSteps;
    this.search = spec.capacity() == null ? null
        : CapacitySearch.resume(CapacityPlan.of(spec), spec.replicas(), known);
    this.resumeStep = search != null && search.currentStep() > 0;
    this.collector = new IntervalCollector(this.workers, (w, report) -> {
      if (results.add(w, report)) {
        onMerged.run();
      }
      if (search != null) {
        // Also what the results had already (from a checkpoint): a step not judged yet needs it.
        search.add(w, report);
      }
    }, results::lastSeq);
    if (checkpoint != null && search == null) {
      // Only what follows each worker's mark is new. (A search may still need a step's earlier
      // intervals, which the workers kept for it: it pulls all they keep.)
      for (int w = 0; w < this.workers.size(); w++) {
        collector.startAfter(w, results.lastSeq(w));
      }
    }
  }

  private static long judged(List<CapacityStep> steps) {
    return steps.stream().filter(CapacityStep::judged).count();
  }

  public RunResults results() {
    return results;
  }

  public Optional<CapacitySearch> search() {
    return Optional.ofNullable(search);
  }

  public List<WorkerControl> workers() {
    return workers;
  }

  /**
   * Tells every worker to start at {@code startAtEpochMs}. Sent again (by an operator that did not
   * see its first answer, or a new one), the start is answered with the instant the workers already
   * run from, which is adopted.
   *
   * @return the instant every worker runs its plan from
   * @throws RunFailure when a worker refuses, or the workers run from different instants
   */
  public long start(long startAtEpochMs) {
    List<Future<Long>> starts = workers.stream().map(w -> w.start(startAtEpochMs)).toList();
    Future.join(starts).otherwiseEmpty().await();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      if (starts.get(i).failed()) {
        failed.add("worker " + workers.get(i).index() + ": " + starts.get(i).cause().getMessage());
      }
    }
    if (!failed.isEmpty()) {
      // Some may have started: a run whose workers are out of step measures nothing sound.
      throw new RunFailure("StartFailed", "workers did not accept the start: " + String.join("; ", failed));
    }
    return commonInstant("StartFailed", starts, workers, "run from");
  }

  /**
   * One look at the run: a pull from every worker still running, then the capacity search's next
   * move (a new rate, or the end), if it has one to make.
   *
   * @throws RunFailure when workers do not take a rate change together
   */
  public void advance(Instant now) {
    collector.pullOnce().await();
    checkNothingDropped();
    if (search == null || stopSent) {
      return;
    }
    if (lost() > 0) {
      // Each worker sends its share of every rate: without one, every later step is short by its
      // share, and a figure judged on it would claim load the target never got.
      throw new RunFailure("WorkerLost", lostMessage() + ": a capacity search needs every worker"
          + " (each sends its share of every rate)");
    }
    if (resumeStep) {
      // Taken over mid-search: make sure the workers run the step the status says (they answer
      // with its instant when they do), then judge it from the intervals pulled anew.
      resumeStep = false;
      if (!search.finished()) {
        step(search.currentStep(), search.currentRate(), now);
      }
    }
    CapacitySearch.Next next = search.review(liveWorkers());
    if (next instanceof CapacitySearch.Step s) {
      step(s.step(), s.rate(), now);
    } else if (next instanceof CapacitySearch.Finish) {
      stop();
    }
  }

  /**
   * Everything recorded so far, to write down; {@link #acknowledge} it once it is durable.
   *
   * @param byteBudget what the written checkpoint should fit (the series is coarsened to fit)
   */
  public SessionCheckpoint checkpoint(int run, int byteBudget) {
    return new SessionCheckpoint(run, results.checkpoint(byteBudget),
        search == null ? List.of() : search.steps());
  }

  /**
   * Lets every worker drop what {@code written} holds, from the next pull on, but for intervals a
   * capacity step not judged yet still needs (a restarted search judges the step from them).
   */
  public void acknowledge(SessionCheckpoint written) {
    written.results().lastSeq().forEach((w, seq) -> {
      if (w >= 0 && w < workers.size()) {
        acknowledge(w, seq);
      }
    });
  }

  /** Lets every worker drop what has been merged: for {@code headroom run}, whose memory is the record. */
  public void acknowledgeMerged() {
    for (int w = 0; w < workers.size(); w++) {
      acknowledge(w, results.lastSeq(w));
    }
  }

  /** Worker {@code w} may drop up to {@code recorded}, but nothing a step not judged yet needs. */
  private void acknowledge(int w, long recorded) {
    long needed = search == null ? Long.MAX_VALUE : search.firstSeqNeeded(w);
    collector.acknowledge(w, Math.min(recorded, needed - 1));
  }

  /**
   * A worker that dropped intervals beyond what was recorded (acknowledged by an operator whose
   * checkpoint is gone) has lost them for good: the totals would be short, so the run fails.
   */
  private void checkNothingDropped() {
    List<String> short_ = new ArrayList<>();
    for (int w = 0; w < workers.size(); w++) {
      long dropped = collector.lostUpTo(w);
      if (dropped >= 0) {
        short_.add("worker " + workers.get(w).index() + " dropped intervals up to " + dropped
            + " but only " + (results.lastSeq(w) + 1) + " are recorded");
      }
    }
    if (!short_.isEmpty()) {
      throw new RunFailure("IntervalsLost", String.join("; ", short_)
          + " (the run's checkpoint ConfigMap is missing or stale): its results would be incomplete");
    }
  }

  /** Tells every worker to stop sending (once); what they measured is still collected. */
  public void stop() {
    if (!stopSent) {
      stopSent = true;
      Future.join(live().stream().map(WorkerControl::stop).toList()).otherwiseEmpty().await();
    }
  }

  public boolean stopSent() {
    return stopSent;
  }

  /** Every worker has reported its last interval, or is lost. */
  public boolean done() {
    return collector.done();
  }

  /** Whether worker {@code i} (by place in the list) has stopped answering, lost yet or not. */
  public boolean silent(int i) {
    return collector.silent(i);
  }

  public int lost() {
    int n = 0;
    for (int i = 0; i < workers.size(); i++) {
      if (lost(i)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Which workers run on NIO instead of native epoll, and why, or empty: "workers 0, 1 ran on NIO,
   * not native epoll (UnsatisfiedLinkError: ...)". Their timers are coarser, so their latencies
   * and send lags are less precise, and a run should say so rather than leave it to their logs.
   */
  public Optional<String> transportNote() {
    Map<String, List<Integer>> byCause = new TreeMap<>();
    for (int i = 0; i < workers.size(); i++) {
      String problem = collector.transportProblem(i);
      if (problem != null) {
        byCause.computeIfAbsent(problem, k -> new ArrayList<>()).add(workers.get(i).index());
      }
    }
    if (byCause.isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    byCause.forEach((cause, indexes) -> parts.add((indexes.size() == 1 ? "worker " : "workers ")
        + indexes.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " on NIO, not native epoll ("
        + cause + ")"));
    return Optional.of(String.join("; ", parts));
  }

  /** "worker 1: pod x was deleted; worker 3: no answer (connection refused)", for status. */
  public String lostMessage() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      if (lost(i)) {
        String why = workers.get(i).lostBecause();
        parts.add("worker " + workers.get(i).index() + ": "
            + (why != null ? why : "no answer (" + collector.lastError(i) + ")"));
      }
    }
    return String.join("; ", parts);
  }

  /** What each lost worker did not send of the plan, by index. */
  public List<UnsentShare> unsentShares() {
    List<UnsentShare> out = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      if (lost(i)) {
        // Results are filed by place in the list, which is the index: workers come listed by index.
        out.add(results.unsent(i, workers.size()));
      }
    }
    return out;
  }

  private boolean lost(int i) {
    return collector.lost(i);
  }

  /** The indexes of the workers not lost. */
  private Set<Integer> liveWorkers() {
    Set<Integer> out = new TreeSet<>();
    for (int i = 0; i < workers.size(); i++) {
      if (!lost(i)) {
        out.add(i);
      }
    }
    return out;
  }

  private List<WorkerControl> live() {
    return liveWorkers().stream().map(workers::get).toList();
  }

  /**
   * Moves every live worker to capacity step {@code step}: a rest at rate 0 when the last step
   * broke the target, then its settle stage and its judged stage at {@code rate}. Each worker gets
   * the three changes back to back, with instants worked out before anything is sent, so a slow
   * answer from one worker cannot push another's change into the past. Workers that took a change
   * already (asked again after a restart) answer with the instant they took it at, which is kept.
   */
  private void step(int step, double rate, Instant now) {
    CapacityPlan plan = search.plan();
    // From when the calls go out, not when this look began: a pull (all of them, after a restart)
    // can take longer than the lead, and a change asked for the past lands at each worker's own now.
    long at = Math.max(now.toEpochMilli(), System.currentTimeMillis()) + RATE_LEAD.toMillis();
    long rest = search.coolDown().toMillis();
    if (rest > 0 && stepStartedAt > 0) {
      rest = Math.max(rest, at - stepStartedAt); // as long as the broken step ran, its judging included
    }
    long restFor = rest;
    long settle = plan.settle().toMillis();
    List<WorkerControl> live = live();
    List<Future<Long>> cools = new ArrayList<>();
    List<Future<Long>> settles = new ArrayList<>();
    List<Future<Long>> judged = new ArrayList<>();
    for (WorkerControl w : live) {
      Future<Long> cool = w.rate(CapacityPlan.coolStage(step), 0, at);
      Future<Long> settled = cool.compose(from -> w.rate(CapacityPlan.settleStage(step), rate, from + restFor));
      cools.add(cool);
      settles.add(settled);
      judged.add(settled.compose(from -> w.rate(CapacityPlan.judgedStage(step), rate, from + settle)));
    }
    Future.join(judged).otherwiseEmpty().await();
    commonInstant("StepFailed", cools, live, "rest before step " + step + " from");
    stepStartedAt = commonInstant("StepFailed", settles, live, "run step " + step + " from");
    commonInstant("StepFailed", judged, live, "judge step " + step + " from");
  }

  /**
   * The one instant the calls answered.
   *
   * @throws RunFailure when a call failed, or workers answered different instants
   */
  private static long commonInstant(String reason, List<Future<Long>> answers, List<WorkerControl> to, String what) {
    Map<Long, List<Integer>> byInstant = new TreeMap<>();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).failed()) {
        failed.add("worker " + to.get(i).index() + ": " + answers.get(i).cause().getMessage());
      } else {
        byInstant.computeIfAbsent(answers.get(i).result(), t -> new ArrayList<>()).add(to.get(i).index());
      }
    }
    if (!failed.isEmpty()) {
      throw new RunFailure(reason, "workers did not take the change: " + String.join("; ", failed));
    }
    if (byInstant.size() > 1) {
      throw new RunFailure(reason, "workers are out of step: " + byInstant.entrySet().stream()
          .map(e -> "workers " + e.getValue() + " " + what + " " + Instant.ofEpochMilli(e.getKey()))
          .collect(Collectors.joining(", ")));
    }
    return byInstant.isEmpty() ? -1 : byInstant.keySet().iterator().next();
  }
}
