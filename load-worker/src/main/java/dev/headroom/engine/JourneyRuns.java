package dev.headroom.engine;

import dev.headroom.journey.DataRows;
import dev.headroom.journey.Journey;
import dev.headroom.journey.Session;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The journeys in progress on one lane, each under a small integer id that the lane's queue and
 * connections carry where a plain request's index would go. A journey holds its session, the step
 * it is at, when it arrived and the interval it arrived in (kept open until it ends, so that its
 * duration is recorded there). Ids and sessions are reused, so a journey allocates nothing once
 * the lane has seen as many at once as it will.
 */
final class JourneyRuns {

  private final List<Journey> journeys;
  private final int workerIndex;
  private final RandomGenerator random;
  /** Every session has room for the variables of the journey with the most. */
  private final int slots;

  private Session[] sessions = new Session[0];
  private int[] journey = new int[0];
  private int[] step = new int[0];
  private long[] arrival = new long[0];
  private IntervalBucket[] arrivedIn = new IntervalBucket[0];
  private int[] free = new int[0];
  private int freeTop;
  private int size;
  private long started;

  /** This lane's way through each data set, by the set's index in the plan. */
  private final DataRows[] data;

  JourneyRuns(List<Journey> journeys, int workerIndex, RandomGenerator random) {
    this(journeys, workerIndex, random, new DataRows[0]);
  }

  JourneyRuns(List<Journey> journeys, int workerIndex, RandomGenerator random, DataRows[] data) {
    this.journeys = journeys;
    this.workerIndex = workerIndex;
    this.random = random;
    this.slots = journeys.stream().mapToInt(Journey::slots).max().orElse(0);
    this.data = data;
  }

  /** Starts journey {@code journeyIndex} arriving at {@code at} in {@code bucket}; returns its id. */
  int start(int journeyIndex, long at, IntervalBucket bucket) {
    int id = freeTop > 0 ? free[--freeTop] : grow();
    if (sessions[id] == null) {
      sessions[id] = new Session(slots, workerIndex, random);
    }
    sessions[id].start(started++);
    journey[id] = journeyIndex;
    step[id] = 0;
    arrival[id] = at;
    arrivedIn[id] = bucket;
    return id;
  }

  /**
   * Gives journey {@code id} a row of each data set it reads; false when a set's Unique rows have
   * run out (the journey cannot start).
   */
  boolean takeRows(int id) {
    Session session = sessions[id];
    for (Journey.DataBinding binding : journey(id).data()) {
      String[] row = data[binding.set()].next();
      if (row == null) {
        return false;
      }
      for (int c = 0; c < binding.columns().length; c++) {
        session.set(binding.slots()[c], row[binding.columns()[c]]);
      }
    }
    return true;
  }

  void end(int id) {
    arrivedIn[id] = null;
    free[freeTop++] = id;
  }

  Journey journey(int id) {
    return journeys.get(journey[id]);
  }

  int journeyIndex(int id) {
    return journey[id];
  }

  /** The step the journey is at: the request in flight, or the next to run. */
  int step(int id) {
    return step[id];
  }

  void next(int id) {
    step[id]++;
  }

  Journey.RequestStep requestStep(int id) {
    return (Journey.RequestStep) journey(id).steps().get(step[id]);
  }

  Session session(int id) {
    return sessions[id];
  }

  long arrival(int id) {
    return arrival[id];
  }

  IntervalBucket arrivedIn(int id) {
    return arrivedIn[id];
  }

  RandomGenerator random() {
    return random;
  }

  private int grow() {
    int id = size++;
    if (id == journey.length) {
      int n = Math.max(16, journey.length * 2);
      sessions = Arrays.copyOf(sessions, n);
      journey = Arrays.copyOf(journey, n);
      step = Arrays.copyOf(step, n);
      arrival = Arrays.copyOf(arrival, n);
      arrivedIn = Arrays.copyOf(arrivedIn, n);
      free = Arrays.copyOf(free, n);
    }
    return id;
  }
}
