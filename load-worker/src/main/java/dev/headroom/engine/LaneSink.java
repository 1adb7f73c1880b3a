package dev.headroom.engine;

/** Where a lane hands each interval it closes, on the lane's thread, before reusing the bucket. */
interface LaneSink {

  /**
   * @param busy the lane thread's CPU use since its previous close, as a fraction of one core
   */
  void closed(int lane, IntervalBucket bucket, double busy);

  /** The lane has closed its last interval. */
  void finished(int lane);
}
