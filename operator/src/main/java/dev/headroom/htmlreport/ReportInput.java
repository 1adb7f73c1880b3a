package dev.headroom.htmlreport;

import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.api.v1alpha1.SeriesPoint;
import dev.headroom.results.RunFigures;
import java.util.List;

/**
 * What a report shows: the finished run's status, its latencies interval by interval, its requests
 * and errors over time, and what it was compared with.
 *
 * @param name the LoadTest's name
 * @param spec what was asked for: stage boundaries, the capacity SLO; null when not known
 * @param run the run's interval log, read
 * @param series requests and errors over time; empty when not known
 * @param baseline the run it was compared with, for the overlay; null when none
 */
public record ReportInput(String name, LoadTestSpec spec, LoadTestStatus status, RunFigures run,
    List<SeriesPoint> series, RunFigures baseline) {}
