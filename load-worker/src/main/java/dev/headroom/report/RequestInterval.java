package dev.headroom.report;

import java.util.Map;

/**
 * Traffic of one request name in one interval.
 *
 * @param count requests that ended in the interval's bucket: responses and errors alike
 * @param errors the failed part of {@code count} by kind ({@link ErrorKind} names and
 *     {@code status_NNN}); absent kinds are zero
 * @param bytes response bytes received
 * @param histogram latency from intended send time to the end of the response, in microseconds,
 *     of every request that got a response (expected or not); {@link HistogramCodec} form
 */
public record RequestInterval(long count, Map<String, Long> errors, long bytes, String histogram) {

  public long errorCount() {
    long sum = 0;
    for (long n : errors.values()) {
      sum += n;
    }
    return sum;
  }
}
