package dev.headroom.session;

import dev.headroom.api.v1alpha1.CapacityStep;
import dev.headroom.results.ResultsCheckpoint;
import java.util.List;

/**
 * What a run's session has recorded, written down durably so the workers may drop it: the merged
 * results (with each worker's mark) and the capacity steps judged so far. A session rebuilt from
 * it, fed what the workers still keep, ends exactly where the original would have.
 *
 * @param run the run it belongs to, so a checkpoint of an earlier run is never taken up
 * @param capacitySteps the judged capacity steps, empty for a run without a search
 */
public record SessionCheckpoint(int run, ResultsCheckpoint results, List<CapacityStep> capacitySteps) {}
