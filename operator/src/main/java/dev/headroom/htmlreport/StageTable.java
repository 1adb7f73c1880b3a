package dev.headroom.htmlreport;

import dev.headroom.api.v1alpha1.Latency;
import dev.headroom.api.v1alpha1.StageResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Stages table: each stage's target beside what it achieved, in the unit the target was set
 * in. A plan of scenarios sets journeys per second, so journeys achieved stand next to it and
 * requests per second come after, named as such: 40 beside 100 under one "rps" would read as a
 * run that sent more than it was asked to.
 */
final class StageTable {

  private StageTable() {}

  /** @param journeys whether the plan's stages set journeys per second (it has scenarios) */
  static String html(List<StageResult> stages, boolean journeys) {
    HtmlTable table = journeys
        ? new HtmlTable("Stages", "stage", "target journeys/s", "achieved journeys/s", "requests/s", "requests",
            "errors", "request p50", "request p99")
        : new HtmlTable("Stages", "stage", "target rps", "achieved rps", "requests", "errors", "p50", "p99");
    for (StageResult st : stages == null ? List.<StageResult>of() : stages) {
      List<Object> cells = new ArrayList<>(journeys
          ? Arrays.asList(st.index(), st.targetJourneysPerSecond(), st.journeysPerSecond(), st.rps())
          : Arrays.asList(st.index(), st.targetRps(), st.rps()));
      cells.addAll(Arrays.asList(st.requests(), st.errors(), LatencyCell.of(st.latency(), Latency::p50),
          LatencyCell.of(st.latency(), Latency::p99)));
      table.row(cells.toArray());
    }
    return table.html();
  }
}
