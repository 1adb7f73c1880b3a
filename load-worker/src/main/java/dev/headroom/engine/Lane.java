package dev.headroom.engine;

import dev.headroom.journey.CompiledCapture;
import dev.headroom.journey.DataRows;
import dev.headroom.journey.Journey;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.Share;
import dev.headroom.report.ErrorKind;
import dev.headroom.worker.http.Connection;
import dev.headroom.worker.http.ConnectionListener;
import dev.headroom.worker.http.TraceContext;
import dev.headroom.worker.http.Transport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One event loop's part of a worker: its connections, its share of the schedule, and its
 * interval buckets. Everything here runs on that event loop, so nothing locks, and nothing on the
 * request path allocates beyond what the transport needs.
 *
 * <p>Open model: the k-th request of the run is due at {@link Timeline#timeOf(long)} (read through a
 * {@link ScheduleCursor}); the lane
 * creates each of its requests when due, measures latency from that intended time, and when every
 * connection is busy parks it in a bounded queue (waiting counts as latency; a full queue is an
 * {@code overload} error). Closed model: each user sends, waits for the response, thinks, and
 * sends again.
 *
 * <p>A request belongs to the interval of its intended time. An interval is closed once time has
 * passed its end and each of its requests has ended (response, error or timeout), and is then
 * handed to the {@link LaneSink} in order.
 */
final class Lane implements ConnectionListener {

  private static final long SWEEP_NANOS = 10_000_000L;
  /**
   * The shortest sleep between sends. Waking for every request costs a context switch each at
   * high rates; sleeping at least this long sends what fell due meanwhile in one go, for at most
   * this much extra send lag.
   */
  private static final long MIN_SLEEP_NANOS = 100_000L;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final int index;
  private final ContextInternal context;
  private final EventLoop eventLoop;
  private final ExecutionPlan plan;
  private final Share share;
  private final LaneSink sink;
  private final Function<ContextInternal, Transport> transports;
  private final boolean open;
  private final long timeoutNanos;
  /** Null when no request carries trace context: then tracing costs one null check per send. */
  private final TraceSampler sampler;
  /**
   * Null for a plan of independent requests. With journeys, the queue and the connections carry a
   * journey's id where a plain request's index would go ({@link #requestOf}).
   */
  private final JourneyRuns runs;

  private Transport transport;
  private Connection[] connections;
  /**
   * Each connection's {@link Connection#header} as the function a capture reads headers through,
   * bound once: binding it per answer would allocate on the response path.
   */
  private UnaryOperator<String>[] headerReaders;
  private long[] inflightIntended;
  /** The request index in flight per connection; with journeys, the journey id. */
  private int[] inflightRequest;
  private TraceContext[] inflightTrace;
  private boolean[] busy;
  private int[] freeStack;
  private int freeTop;
  private final PendingQueue queue;

  private RunClock clock;
  private Timeline timeline;
  private ScheduleCursor schedule;
  private volatile Timeline published;

  // Open model: the next request of this lane's share.
  private long nextK;
  private long nextIntended = Timeline.OPEN_END;
  // Closed model: users alive in this lane, and how many should stop at their next turn.
  private int users;
  private int retiring;
  private long closedPicks;

  private final List<IntervalBucket> openBuckets = new ArrayList<>();
  private long nextBucketStart;
  private final List<IntervalBucket> spare = new ArrayList<>();
  private final BusyMeter busyMeter = new BusyMeter();

  private ScheduledFuture<?> tickFuture;
  private ScheduledFuture<?> sweepFuture;
  private long sweepExpected;
  private boolean started;
  private boolean finished;
  private final Runnable tickTask = this::tick;
  private final Runnable userTask = this::userReady;

  Lane(
      int index,
      int workerIndex,
      ContextInternal context,
      ExecutionPlan plan,
      Share share,
      int queueCapacity,
      Function<ContextInternal, Transport> transports,
      LaneSink sink) {
    this.index = index;
    this.context = context;
    this.eventLoop = context.nettyEventLoop();
    this.plan = plan;
    this.share = share;
    this.sink = sink;
    this.transports = transports;
    this.open = plan.model() == LoadModel.Open;
    this.timeoutNanos = plan.timeoutNanos();
    this.queue = new PendingQueue(queueCapacity);
    // A templated journey step has no place for trace context yet: journeys are not traced.
    this.sampler = plan.traceSampling() > 0 && !plan.runsJourneys() ? new TraceSampler(plan.traceSampling()) : null;
    this.runs = plan.runsJourneys() ? journeyRuns(plan, workerIndex, share) : null;
  }

  private static JourneyRuns journeyRuns(ExecutionPlan plan, int workerIndex, Share share) {
    SplittableRandom random = new SplittableRandom();
    DataRows[] data = plan.data().stream()
        .map(d -> new DataRows(d.table(), d.order(), share, random)).toArray(DataRows[]::new);
    return new JourneyRuns(plan.journeys(), workerIndex, random, data);
  }

  /**
   * Opens the lane's connections. Completes with the first connect failure's message, or null
   * when all opened: a target that refuses connections is a result to measure, not a reason to
   * refuse to run.
   */
  Future<String> prepare() {
    Promise<String> result = Promise.promise();
    context.runOnContext(
        v -> {
          transport = transports.apply(context);
          int n = plan.connections();
          connections = new Connection[n];
          @SuppressWarnings("unchecked")
          UnaryOperator<String>[] readers = new UnaryOperator[n];
          headerReaders = readers;
          inflightIntended = new long[n];
          inflightRequest = new int[n];
          inflightTrace = new TraceContext[sampler == null ? 0 : n];
          busy = new boolean[n];
          freeStack = new int[n];
          List<Future<Void>> opened = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            connections[i] = transport.open(i, this);
            headerReaders[i] = connections[i]::header;
            freeStack[freeTop++] = n - 1 - i;
            opened.add(connections[i].connect());
          }
          Future.join(opened)
              .onComplete(ar -> result.complete(ar.succeeded() ? null : ar.cause().getMessage()));
        });
    return result.future();
  }

  /** Schedules the run on this lane's event loop. Callable from any thread. */
  void start(RunClock runClock, Timeline initial) {
    published = initial;
    context.runOnContext(
        v -> {
          clock = runClock;
          timeline = initial;
          schedule = new ScheduleCursor(initial);
          started = true;
          if (open) {
            nextK = share.firstAtOrAfter(0);
            nextIntended = schedule.timeOf(nextK);
          }
          busyMeter.start(THREADS.getCurrentThreadCpuTime(), System.nanoTime());
          long untilStart = Math.max(0, -clock.now());
          sweepExpected = clock.now() + untilStart + SWEEP_NANOS;
          sweepFuture =
              eventLoop.scheduleAtFixedRate(
                  this::sweep, untilStart + SWEEP_NANOS, SWEEP_NANOS, TimeUnit.NANOSECONDS);
          scheduleTick(clock.now());
        });
  }

  /** Switches to a new timeline (a rate step or a stop). Callable from any thread. */
  void update(Timeline next) {
    published = next;
    context.runOnContext(
        v -> {
          if (started && !finished) {
            tick();
          }
        });
  }

  /** Closes connections; the lane cannot run again. */
  Future<Void> close() {
    return Future.future(
        p ->
            context.runOnContext(
                v -> {
                  cancelTimers();
                  if (transport != null) {
                    transport.close();
                  }
                  p.complete();
                }));
  }

  ContextInternal context() {
    return context;
  }

  // ---- schedule -------------------------------------------------------------------------------

  private void tick() {
    long now = clock.now();
    adoptTimeline();
    if (open) {
      sendDue(now);
    } else {
      advanceBuckets(now);
      adjustUsers(now);
    }
    scheduleTick(now);
  }

  /** Open model: creates every request of this lane's share that is due by {@code now}. */
  private void sendDue(long now) {
    advanceBuckets(now);
    while (nextIntended <= now) {
      arrive(nextIntended, plan.mix().pick(nextK), now);
      nextK += share.stride();
      nextIntended = schedule.timeOf(nextK);
    }
  }

  private void scheduleTick(long now) {
    long next = open ? nextIntended : timeline.nextBoundaryAfter(Math.max(now, -1));
    if (now < 0) {
      next = Math.min(next, 0);
    }
    if (tickFuture != null) {
      tickFuture.cancel(false);
      tickFuture = null;
    }
    if (next != Timeline.OPEN_END) {
      long delay = Math.max(MIN_SLEEP_NANOS, next - now);
      tickFuture = eventLoop.schedule(tickTask, delay, TimeUnit.NANOSECONDS);
    }
  }

  private void adoptTimeline() {
    Timeline next = published;
    if (next == timeline) {
      return;
    }
    timeline = next;
    schedule = new ScheduleCursor(next);
    if (open) {
      nextIntended = schedule.timeOf(nextK);
    }
    // The newest bucket may have been cut short by a step or a stop that lands inside it.
    if (!openBuckets.isEmpty()) {
      IntervalBucket last = openBuckets.get(openBuckets.size() - 1);
      Timeline.Interval now = timeline.intervalAt(last.start);
      last.end = now == null ? Math.min(last.end, timeline.end()) : now.end();
    }
  }

  private void adjustUsers(long now) {
    int wanted = share.users(timeline.usersAt(now));
    int effective = users - retiring;
    if (wanted > effective) {
      int more = wanted - effective;
      int revived = Math.min(more, retiring);
      retiring -= revived;
      for (int i = revived; i < more; i++) {
        users++;
        userReady();
      }
    } else if (wanted < effective) {
      retiring += effective - wanted;
    }
  }

  /** A closed-model user is ready for its next request (after its think time). */
  private void userReady() {
    long now = clock.now();
    if (retiring > 0 || now >= timeline.end()) {
      if (retiring > 0) {
        retiring--;
      }
      users--;
      return;
    }
    advanceBuckets(now);
    arrive(now, plan.mix().pick(share.offset() + closedPicks++ * share.stride()), now);
  }

  /**
   * The user's request ended: it thinks, then goes again. Never re-enters directly, so a
   * connection that fails at once cannot recurse.
   */
  private void userDone() {
    long think = timeline.thinkNanosAt(clock.now());
    if (think > 0) {
      eventLoop.schedule(userTask, think, TimeUnit.NANOSECONDS);
    } else {
      eventLoop.execute(userTask);
    }
  }

  // ---- requests -------------------------------------------------------------------------------

  /** An arrival (open model) or a user's turn (closed): request or journey {@code picked} starts. */
  private void arrive(long intended, int picked, long now) {
    if (runs == null) {
      create(intended, picked, now);
    } else {
      IntervalBucket arrivedIn = bucketFor(intended);
      arrivedIn.journeyStarted(picked);
      int run = runs.start(picked, intended, arrivedIn);
      if (runs.takeRows(run)) {
        continueJourney(run, intended, now);
      } else {
        // Counted where a sent request would be, as a request never sent (like overload) is.
        arrivedIn.outstanding++;
        arrivedIn.error(runs.journey(run).firstRequestIndex(), ErrorKind.DATA);
        arrivedIn.journeyFailed(picked, ErrorKind.DATA);
        // A closed-model user stops here: with no row to take it would only fail again at once.
        runs.end(run);
      }
    }
  }

  /** The request index of {@code item}: the item itself, or the request step its journey is at. */
  private int requestOf(int item) {
    return runs == null ? item : runs.requestStep(item).requestIndex();
  }

  private void create(long intended, int item, long now) {
    IntervalBucket bucket = bucketFor(intended);
    bucket.outstanding++;
    if (open) {
      bucket.sendLag(now - intended); // a closed-model user sends when it is ready: no schedule to lag
    }
    if (freeTop > 0) {
      dispatch(freeStack[--freeTop], intended, item);
    } else if (!queue.offer(intended, item)) {
      bucket.error(requestOf(item), ErrorKind.OVERLOAD);
      ended(item, ErrorKind.OVERLOAD, 0);
    }
  }

  private void dispatch(int conn, long intended, int item) {
    busy[conn] = true;
    inflightIntended[conn] = intended;
    inflightRequest[conn] = item;
    TraceContext trace = null;
    if (sampler != null) {
      trace = sampler.next();
      inflightTrace[conn] = trace;
    }
    if (runs == null) {
      connections[conn].send(item, trace);
    } else {
      Journey.RequestStep step = runs.requestStep(item);
      connections[conn].send(step.requestIndex(), trace, runs.session(item), step.needsBody());
    }
  }

  /**
   * A request ended, unless it was a success in a journey (then {@link #journeyStepAnswered}):
   * a closed-model user of plain requests goes again; a journey ends, failed by {@code kind} or by
   * an unexpected {@code status}.
   */
  private void ended(int item, ErrorKind kind, int status) {
    if (runs == null) {
      if (!open) {
        userDone();
      }
      return;
    }
    IntervalBucket arrivedIn = runs.arrivedIn(item);
    if (kind != null) {
      arrivedIn.journeyFailed(runs.journeyIndex(item), kind);
    } else {
      arrivedIn.journeyFailed(runs.journeyIndex(item), status);
    }
    endJourney(item);
  }

  // ---- journeys -------------------------------------------------------------------------------

  /**
   * Runs journey {@code run} on from its current step, which may become due at {@code readyAt}:
   * think steps push that on, and the next request is created then, with that as its intended
   * time, so a later step's latency counts from when the journey allowed it to leave.
   */
  private void continueJourney(int run, long readyAt, long now) {
    List<Journey.JourneyStep> steps = runs.journey(run).steps();
    while (runs.step(run) < steps.size() && steps.get(runs.step(run)) instanceof Journey.ThinkStep t) {
      readyAt += t.think().nanos(runs.random());
      runs.next(run);
    }
    long due = readyAt;
    if (runs.step(run) == steps.size()) {
      if (due <= now) {
        completeJourney(run, due);
      } else {
        eventLoop.schedule(() -> completeJourney(run, due), due - now, TimeUnit.NANOSECONDS);
      }
    } else if (due <= now) {
      // From an answer's callback: the interval it falls in may not be open yet. A request must
      // land in the same interval when created and when it ends, or one interval never closes.
      advanceBuckets(now);
      create(due, run, now);
    } else {
      eventLoop.schedule(() -> stepDue(run, due), due - now, TimeUnit.NANOSECONDS);
    }
  }

  private void stepDue(int run, long intended) {
    long now = clock.now();
    advanceBuckets(now);
    create(intended, run, now);
  }

  /** A journey's request was answered as expected and its captures took their values. */
  private void journeyStepAnswered(int run, long now) {
    runs.next(run);
    continueJourney(run, now, now);
  }

  private void completeJourney(int run, long at) {
    runs.arrivedIn(run).journeyCompleted(runs.journeyIndex(run), at - runs.arrival(run));
    endJourney(run);
  }

  private void endJourney(int run) {
    runs.end(run);
    if (!open) {
      userDone();
    }
  }

  /** Takes the step's captures from the answer on {@code connection}; false at the first that finds nothing. */
  private boolean captured(int run, Connection connection) {
    Journey.RequestStep step = runs.requestStep(run);
    for (CompiledCapture capture : step.captures()) {
      if (!capture.apply(headerReaders[connection.id()], connection.body(), 0, connection.bodyLength(), runs.session(run))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void onResponse(Connection connection, int status, long bytes) {
    int id = connection.id();
    if (!busy[id]) {
      return;
    }
    long intended = inflightIntended[id];
    int item = inflightRequest[id];
    int request = requestOf(item);
    boolean expected = plan.requests().get(request).isExpected(status);
    long now = clock.now();
    long latency = now - intended;
    IntervalBucket bucket = bucketFor(intended);
    boolean capturedAll = runs == null || !expected || captured(item, connection);
    if (capturedAll) {
      bucket.response(request, latency, expected, status, bytes);
    } else {
      bucket.error(request, ErrorKind.CAPTURE);
    }
    if (sampler != null) {
      traced(bucket, id, request, latency, status);
    }
    // The answer's body is read by now: the connection may take the next request.
    release(id);
    if (runs != null) {
      if (!capturedAll) {
        ended(item, ErrorKind.CAPTURE, 0);
      } else if (!expected) {
        ended(item, null, status);
      } else {
        journeyStepAnswered(item, now);
      }
    }
  }

  @Override
  public void onError(Connection connection, ErrorKind kind) {
    int id = connection.id();
    if (!busy[id]) {
      return;
    }
    int item = inflightRequest[id];
    bucketFor(inflightIntended[id]).error(requestOf(item), kind);
    if (sampler != null) {
      inflightTrace[id] = null;
    }
    release(id);
    if (runs != null) {
      ended(item, kind, 0);
    }
  }

  /** Offers a traced request that ended to its interval's slowest; status 0 at a timeout. */
  private void traced(IntervalBucket bucket, int conn, int request, long latency, int status) {
    TraceContext trace = inflightTrace[conn];
    if (trace != null) {
      bucket.traced(trace, request, latency, status);
      inflightTrace[conn] = null;
    }
  }

  /**
   * A connection finished its request: the queue's oldest live request takes it. In the open
   * model, sends that fell due while the loop was busy reading responses go out now rather than
   * after the whole batch of reads, which keeps send lag to one response's work.
   */
  private void release(int conn) {
    busy[conn] = false;
    long now = clock.now();
    if (!open) {
      if (runs == null) {
        userDone();
      }
    } else if (nextIntended <= now) {
      adoptTimeline();
      sendDue(now);
    }
    while (!queue.isEmpty()) {
      long intended = queue.peekIntended();
      int request = queue.peekRequest();
      queue.poll();
      if (now - intended >= timeoutNanos) {
        expire(intended, request);
        continue;
      }
      dispatch(conn, intended, request);
      return;
    }
    freeStack[freeTop++] = conn;
  }

  private void expire(long intended, int item) {
    bucketFor(intended).error(requestOf(item), ErrorKind.TIMEOUT);
    ended(item, ErrorKind.TIMEOUT, 0);
  }

  // ---- housekeeping every 10 ms: timeouts, stalls, closing intervals --------------------------

  private void sweep() {
    long now = clock.now();
    long late = now - sweepExpected;
    sweepExpected += SWEEP_NANOS;
    adoptTimeline();
    advanceBuckets(now);
    if (late > 0 && !openBuckets.isEmpty()) {
      IntervalBucket b = bucketFor(Math.max(now - late, openBuckets.get(0).start));
      b.maxStallNanos = Math.max(b.maxStallNanos, late);
    }
    for (int i = 0; i < busy.length; i++) {
      if (busy[i] && now - inflightIntended[i] >= timeoutNanos) {
        connections[i].abort();
        int item = inflightRequest[i];
        IntervalBucket bucket = bucketFor(inflightIntended[i]);
        bucket.error(requestOf(item), ErrorKind.TIMEOUT);
        if (sampler != null) {
          traced(bucket, i, requestOf(item), now - inflightIntended[i], 0);
        }
        release(i);
        if (runs != null) {
          ended(item, ErrorKind.TIMEOUT, 0);
        }
      }
    }
    while (!queue.isEmpty() && now - queue.peekIntended() >= timeoutNanos) {
      long intended = queue.peekIntended();
      int request = queue.peekRequest();
      queue.poll();
      expire(intended, request);
    }
    closeFinishedBuckets(now);
  }

  private void advanceBuckets(long now) {
    while (true) {
      long from = openBuckets.isEmpty() ? nextBucketStart : openBuckets.get(openBuckets.size() - 1).end;
      if (from > now || from >= timeline.end()) {
        return;
      }
      Timeline.Interval interval = timeline.intervalAt(from);
      if (interval == null) {
        return;
      }
      IntervalBucket b = spare.isEmpty() ? new IntervalBucket(plan.requests().size(), plan.journeys().size()) : spare.remove(spare.size() - 1);
      b.reset(interval);
      openBuckets.add(b);
      nextBucketStart = interval.end();
    }
  }

  private IntervalBucket bucketFor(long t) {
    for (int i = openBuckets.size() - 1; i >= 0; i--) {
      IntervalBucket b = openBuckets.get(i);
      if (t >= b.start) {
        return b;
      }
    }
    // Before the first open interval: only possible for the run's very first instants.
    return openBuckets.get(0);
  }

  private void closeFinishedBuckets(long now) {
    while (!openBuckets.isEmpty()) {
      IntervalBucket b = openBuckets.get(0);
      boolean allCreated = !open || nextIntended >= b.end;
      if (now < b.end || b.outstanding > 0 || !allCreated) {
        break;
      }
      sink.closed(index, b, busyMeter.read(THREADS.getCurrentThreadCpuTime(), System.nanoTime()));
      openBuckets.remove(0);
      spare.add(b);
    }
    if (openBuckets.isEmpty() && nextBucketStart >= timeline.end() && now >= timeline.end() && !finished) {
      finished = true;
      cancelTimers();
      sink.finished(index);
    }
  }

  private void cancelTimers() {
    if (tickFuture != null) {
      tickFuture.cancel(false);
    }
    if (sweepFuture != null) {
      sweepFuture.cancel(false);
    }
  }
}
