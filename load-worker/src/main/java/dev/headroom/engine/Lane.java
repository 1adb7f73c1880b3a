package dev.headroom.engine;

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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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

  private Transport transport;
  private Connection[] connections;
  private long[] inflightIntended;
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
    this.sampler = plan.traceSampling() > 0 ? new TraceSampler(plan.traceSampling()) : null;
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
          inflightIntended = new long[n];
          inflightRequest = new int[n];
          inflightTrace = new TraceContext[sampler == null ? 0 : n];
          busy = new boolean[n];
          freeStack = new int[n];
          List<Future<Void>> opened = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            connections[i] = transport.open(i, this);
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
      create(nextIntended, plan.mix().pick(nextK), now);
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
    create(now, plan.mix().pick(share.offset() + closedPicks++ * share.stride()), now);
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

  private void create(long intended, int request, long now) {
    IntervalBucket bucket = bucketFor(intended);
    bucket.outstanding++;
    if (open) {
      bucket.sendLag(now - intended); // a closed-model user sends when it is ready: no schedule to lag
    }
    if (freeTop > 0) {
      dispatch(freeStack[--freeTop], intended, request);
    } else if (!queue.offer(intended, request)) {
      bucket.error(request, ErrorKind.OVERLOAD);
      if (!open) {
        userDone();
      }
    }
  }

  private void dispatch(int conn, long intended, int request) {
    busy[conn] = true;
    inflightIntended[conn] = intended;
    inflightRequest[conn] = request;
    TraceContext trace = null;
    if (sampler != null) {
      trace = sampler.next();
      inflightTrace[conn] = trace;
    }
    connections[conn].send(request, trace);
  }

  @Override
  public void onResponse(Connection connection, int status, long bytes) {
    int id = connection.id();
    if (!busy[id]) {
      return;
    }
    long intended = inflightIntended[id];
    int request = inflightRequest[id];
    boolean expected = plan.requests().get(request).isExpected(status);
    long latency = clock.now() - intended;
    IntervalBucket bucket = bucketFor(intended);
    bucket.response(request, latency, expected, status, bytes);
    if (sampler != null) {
      traced(bucket, id, request, latency, status);
    }
    release(id);
  }

  @Override
  public void onError(Connection connection, ErrorKind kind) {
    int id = connection.id();
    if (!busy[id]) {
      return;
    }
    bucketFor(inflightIntended[id]).error(inflightRequest[id], kind);
    if (sampler != null) {
      inflightTrace[id] = null;
    }
    release(id);
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
      userDone();
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

  private void expire(long intended, int request) {
    bucketFor(intended).error(request, ErrorKind.TIMEOUT);
    if (!open) {
      userDone();
    }
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
        IntervalBucket bucket = bucketFor(inflightIntended[i]);
        bucket.error(inflightRequest[i], ErrorKind.TIMEOUT);
        if (sampler != null) {
          traced(bucket, i, inflightRequest[i], now - inflightIntended[i], 0);
        }
        release(i);
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
      IntervalBucket b = spare.isEmpty() ? new IntervalBucket(plan.requests().size()) : spare.remove(spare.size() - 1);
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
