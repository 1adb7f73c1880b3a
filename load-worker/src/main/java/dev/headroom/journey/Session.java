package dev.headroom.journey;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One journey in progress: its variables (one slot per captured name, numbered when the plan is
 * compiled so that a send looks nothing up by name), its sequence number on this worker, and the
 * worker's index and random source for the built-ins. Reset and reused from journey to journey.
 */
public final class Session {

  private final String[] values;
  private final int workerIndex;
  private final RandomGenerator random;
  private long journey;

  public Session(int slots, int workerIndex, RandomGenerator random) {
    this.values = new String[slots];
    this.workerIndex = workerIndex;
    this.random = random;
  }

  /** Starts journey number {@code journey}: no variable is set yet. */
  public void start(long journey) {
    this.journey = journey;
    Arrays.fill(values, null);
  }

  public String value(int slot) {
    return values[slot];
  }

  public void set(int slot, String value) {
    values[slot] = value;
  }

  public long journey() {
    return journey;
  }

  public int workerIndex() {
    return workerIndex;
  }

  public RandomGenerator random() {
    return random;
  }
}
