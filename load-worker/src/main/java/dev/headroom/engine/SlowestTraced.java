package dev.headroom.engine;

import dev.headroom.report.SlowRequest;
import dev.headroom.worker.http.TraceContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A lane's slowest traced requests of one interval, kept in place: offering one allocates
 * nothing, so only sampled requests pay for tracing.
 */
final class SlowestTraced {

  private final long[] latencyUs = new long[SlowRequest.PER_INTERVAL];
  private final int[] request = new int[SlowRequest.PER_INTERVAL];
  private final int[] status = new int[SlowRequest.PER_INTERVAL];
  private final TraceContext[] trace = new TraceContext[SlowRequest.PER_INTERVAL];
  private int size;

  void offer(TraceContext context, int requestIndex, long latency, int responseStatus) {
    int at = size;
    if (size == latencyUs.length) {
      at = 0;
      for (int i = 1; i < size; i++) {
        if (latencyUs[i] < latencyUs[at]) {
          at = i;
        }
      }
      if (latency <= latencyUs[at]) {
        return;
      }
    } else {
      size++;
    }
    latencyUs[at] = latency;
    request[at] = requestIndex;
    status[at] = responseStatus;
    trace[at] = context;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void reset() {
    java.util.Arrays.fill(trace, null);
    size = 0;
  }

  List<SlowRequest> toList(List<String> names) {
    List<SlowRequest> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new SlowRequest(trace[i].traceId(), names.get(request[i]), latencyUs[i], status[i]));
    }
    return out;
  }
}
