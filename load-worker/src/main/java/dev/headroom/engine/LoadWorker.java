package dev.headroom.engine;

import dev.headroom.journey.Journey;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Share;
import dev.headroom.report.IntervalBatch;
import dev.headroom.worker.http.Transport;
import dev.headroom.worker.http.Transports;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One worker: its share of the plan, spread over one or more event-loop lanes, and the intervals
 * they have finished. The control server and the in-process runner drive it through the same
 * five calls as the worker contract: ready, start, rate, intervals, stop.
 */
public final class LoadWorker {

  /** Where a worker is in its run, as {@code GET /intervals} reports it. */
  public enum State {
    PREPARING,
    READY,
    RUNNING,
    FINISHED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * @param lanes event loops this worker sends from (one per core it may use)
   * @param queueCapacity requests that may wait for a connection, per lane, before further ones
   *     fail as {@code overload}
   */
  public record Options(int lanes, int queueCapacity) {
    public static final int DEFAULT_QUEUE = 10_000;

    public static Options defaults() {
      return new Options(1, DEFAULT_QUEUE);
    }
  }

  /** Don't apply a rate change sooner than this: every lane must adopt it before it starts. */
  private static final long MIN_LEAD_NANOS = 20_000_000L;

  private final ExecutionPlan plan;
  private final int index;
  private final int count;
  private final List<Lane> lanes = new ArrayList<>();
  private final IntervalAssembler assembler;
  private volatile State state = State.PREPARING;
  private volatile String connectProblem;
  private RunClock clock;
  private Timeline timeline;
  /** When the plan as given ends: rate steps change the load, never how long a worker runs. */
  private long planEnd;
  private int nextStep;
  /** Every rate change taken, by step, so a repeated call is answered rather than applied twice. */
  private final java.util.Map<Integer, RateStep> steps = new java.util.HashMap<>();

  /**
   * A rate change as applied.
   *
   * @param step the stage number its intervals carry
   * @param atEpochMs when it took effect (never earlier than asked; later when asked too late)
   */
  public record RateStep(int step, double rate, long atEpochMs) {}

  private LoadWorker(Vertx vertx, ExecutionPlan plan, int index, int count, Options options,
      Function<ContextInternal, Transport> transports) {
    this.plan = plan;
    this.index = index;
    this.count = count;
    this.assembler = new IntervalAssembler(options.lanes(), plan.requestNames(),
        plan.journeys().stream().map(Journey::name).toList(), () -> state = State.FINISHED);
    Share share = Share.ofWorker(index, count);
    VertxInternal vx = (VertxInternal) vertx;
    for (int i = 0; i < options.lanes(); i++) {
      lanes.add(new Lane(i, index, vx.createEventLoopContext(), plan, share.lane(i, options.lanes()),
          options.queueCapacity(), transports, assembler));
    }
    this.nextStep = plan.stages().size();
  }

  /**
   * Creates worker {@code index} of {@code count} and opens its connections; the future completes
   * when it is ready to start.
   */
  public static Future<LoadWorker> create(Vertx vertx, ExecutionPlan plan, int index, int count, Options options) {
    return create(vertx, plan, index, count, options, ctx -> Transports.forPlan(vertx, plan));
  }

  static Future<LoadWorker> create(Vertx vertx, ExecutionPlan plan, int index, int count, Options options,
      Function<ContextInternal, Transport> transports) {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("worker index " + index + " is not in 0.." + (count - 1));
    }
    LoadWorker worker = new LoadWorker(vertx, plan, index, count, options, transports);
    List<Future<String>> prepared = worker.lanes.stream().map(Lane::prepare).toList();
    return Future.all(prepared).map(all -> {
      for (Future<String> f : prepared) {
        if (f.result() != null && worker.connectProblem == null) {
          worker.connectProblem = f.result();
        }
      }
      worker.state = State.READY;
      return worker;
    });
  }

  public int index() {
    return index;
  }

  public int count() {
    return count;
  }

  public ExecutionPlan plan() {
    return plan;
  }

  public State state() {
    return state;
  }

  /** The first connection failure seen while getting ready, or null. */
  public String connectProblem() {
    return connectProblem;
  }

  /**
   * Starts the plan at {@code startAtEpochMs}, the same instant for every worker. Asking again for
   * the instant it already started at changes nothing: a caller that did not hear the first answer
   * (or reconciled from a status that did not show it yet) can repeat the call safely.
   *
   * @throws StartedAlready when it started at another instant
   * @throws IllegalStateException unless the worker is ready, or already started at that instant
   */
  public synchronized void start(long startAtEpochMs) {
    if (clock != null) {
      if (clock.startEpochMs() != startAtEpochMs) {
        throw new StartedAlready(clock.startEpochMs());
      }
      return;
    }
    if (state != State.READY) {
      throw new IllegalStateException("worker is " + state.wire() + ", not ready");
    }
    clock = RunClock.startingAt(startAtEpochMs);
    timeline = Timeline.of(plan);
    planEnd = timeline.end();
    assembler.start(clock);
    state = State.RUNNING;
    for (Lane lane : lanes) {
      lane.start(clock, timeline);
    }
  }

  /**
   * From {@code atEpochMs} on, the whole run (all workers) sends {@code totalRate} requests/s, as
   * step {@code step}: the stage number its intervals carry, lasting until the next rate change, a
   * stop, or the end of the plan (which a rate change never moves). Steps are numbered on from the plan's stages, one after another, so every worker of a run
   * tags the same time with the same step. Asking again for a step already taken, at the same rate,
   * changes nothing and answers when it took effect: a caller that did not hear the first answer
   * (an operator that went away) can repeat the call safely.
   *
   * @param step the step to take, or null for the next one
   * @throws StepConflict when that step was taken at another rate, or is not the next one
   * @throws IllegalStateException when not running or not an open-model plan
   */
  public synchronized RateStep setRate(double totalRate, long atEpochMs, Integer step) {
    RateStep taken = step == null ? null : steps.get(step);
    if (taken != null) {
      if (Double.compare(taken.rate(), totalRate) != 0) {
        throw new StepConflict("step " + step + " runs at " + taken.rate() + " rps already", taken);
      }
      return taken;
    }
    if (state != State.RUNNING) {
      throw new IllegalStateException("worker is " + state.wire() + ", not running");
    }
    if (plan.model() != LoadModel.Open) {
      throw new IllegalStateException("rate steps need the Open load model");
    }
    if (step != null && step != nextStep) {
      throw new StepConflict("the next step is " + nextStep + ", not " + step, null);
    }
    long at = Math.max(clock.runNanos(atEpochMs), clock.now() + MIN_LEAD_NANOS);
    if (at >= planEnd) {
      throw new IllegalStateException("the plan ends at " + clock.epochMs(planEnd) + ": no step starts after it");
    }
    RateStep applied = new RateStep(nextStep++, totalRate, clock.epochMs(at));
    // Still bounded by the plan's end: a worker whose caller went away stops by itself.
    publish(timeline.withStep(at, applied.step(), totalRate, 0, 0).stoppedAt(planEnd));
    steps.put(applied.step(), applied);
    return applied;
  }

  /** Stops sending now; requests in flight end as usual and the last interval is kept. */
  public synchronized void stop() {
    if (state == State.RUNNING && timeline.end() > clock.now()) {
      publish(timeline.stoppedAt(Math.max(0, clock.now())));
    } else if (state == State.READY || state == State.PREPARING) {
      state = State.FINISHED;
    }
  }

  private void publish(Timeline next) {
    timeline = next;
    for (Lane lane : lanes) {
      lane.update(next);
    }
  }

  /** Every finished interval kept with a sequence number above {@code after} (-1 for all). */
  public IntervalBatch intervalsAfter(long after) {
    return intervalsAfter(after, -1);
  }

  /**
   * Drops the intervals up to {@code ack} (the collector recorded them durably; -1 for none), then
   * answers every finished interval kept above {@code after}. Acknowledging on the pull saves a
   * call a second, and is safe to repeat: an acknowledgement only ever moves forward.
   */
  public IntervalBatch intervalsAfter(long after, long ack) {
    State s = state;
    if (ack >= 0) {
      assembler.acknowledge(ack);
    }
    return new IntervalBatch(index, count, s.wire(), assembler.after(after), assembler.acked());
  }

  /** Finished intervals held, waiting for an acknowledgement. */
  public int intervalsKept() {
    return assembler.kept();
  }

  /** Runs {@code task} on each lane's event loop: lets tests stall the generator on purpose. */
  void onEveryLane(Runnable task) {
    for (Lane lane : lanes) {
      lane.context().runOnContext(v -> task.run());
    }
  }

  /** Closes every connection. */
  public Future<Void> close() {
    return Future.all(lanes.stream().map(Lane::close).toList()).mapEmpty();
  }

  /** A rate change refused: its step was taken at another rate, or is not the next one. */
  public static final class StepConflict extends IllegalStateException {

    private final transient RateStep taken;

    StepConflict(String message, RateStep taken) {
      super(message);
      this.taken = taken;
    }

    /** The step as it was taken, when it was; null for a step out of order. */
    public RateStep taken() {
      return taken;
    }
  }

  /** A start refused because the worker already runs its plan from another instant. */
  public static final class StartedAlready extends IllegalStateException {

    private final long startAtEpochMs;

    StartedAlready(long startAtEpochMs) {
      super("worker started at " + startAtEpochMs + " already");
      this.startAtEpochMs = startAtEpochMs;
    }

    /** The instant (epoch ms) it runs its plan from. */
    public long startAtEpochMs() {
      return startAtEpochMs;
    }
  }
}
