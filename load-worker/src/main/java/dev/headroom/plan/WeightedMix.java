package dev.headroom.plan;

/**
 * Picks the request for the k-th send of the run so that any window of {@code total weight}
 * consecutive sends holds each request exactly its weight times (smooth weighted round-robin).
 * Deterministic, so the mix is exact rather than random, and it needs no state on the hot path.
 */
public final class WeightedMix {

  private final int[] table;

  private WeightedMix(int[] table) {
    this.table = table;
  }

  public static WeightedMix of(int[] weights) {
    int total = 0;
    for (int w : weights) {
      if (w < 0) {
        throw new IllegalArgumentException("negative weight");
      }
      total += w;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("total weight must be > 0");
    }
    int[] table = new int[total];
    int[] current = new int[weights.length];
    for (int slot = 0; slot < total; slot++) {
      int best = -1;
      for (int i = 0; i < weights.length; i++) {
        current[i] += weights[i];
        if (weights[i] > 0 && (best < 0 || current[i] > current[best])) {
          best = i;
        }
      }
      current[best] -= total;
      table[slot] = best;
    }
    return new WeightedMix(table);
  }

  /** The request index for global send number {@code k}. */
  public int pick(long k) {
    return table[(int) (k % table.length)];
  }

  public int period() {
    return table.length;
  }
}
