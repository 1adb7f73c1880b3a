package dev.headroom.plan;

/**
 * A worker's (or a lane's) part of the load. The run's requests form one global sequence
 * {@code k = 0, 1, 2, …} with intended times from the total rate; a share takes every
 * {@code stride}-th of them starting at {@code offset}. Shares of all workers therefore add up to
 * the total exactly, whatever the rate, and their sends interleave evenly in time. Closed-model
 * users are split the same way: user {@code u} belongs to the share with {@code u % stride ==
 * offset}.
 */
public record Share(int offset, int stride) {

  public Share {
    if (stride < 1 || offset < 0 || offset >= stride) {
      throw new IllegalArgumentException("offset " + offset + " of stride " + stride);
    }
  }

  /** Worker {@code index} of {@code count}. */
  public static Share ofWorker(int index, int count) {
    return new Share(index, count);
  }

  /** Lane {@code lane} of {@code lanes} inside this share: a finer slice of the same sequence. */
  public Share lane(int lane, int lanes) {
    return new Share(offset + lane * stride, stride * lanes);
  }

  /** The first global sequence number at or after {@code k} that is this share's. */
  public long firstAtOrAfter(long k) {
    long rem = Math.floorMod(k - offset, (long) stride);
    return rem == 0 ? k : k + (stride - rem);
  }

  /** How many of {@code total} users (numbered from 0) are this share's. */
  public int users(int total) {
    if (total <= offset) {
      return 0;
    }
    return (total - offset + stride - 1) / stride;
  }

  /** Whether global user {@code u} is this share's. */
  public boolean owns(long u) {
    return Math.floorMod(u, (long) stride) == offset;
  }
}
