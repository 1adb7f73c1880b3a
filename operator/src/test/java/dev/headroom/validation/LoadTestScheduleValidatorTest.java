package dev.headroom.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.plan.Problem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code LoadTestValidator.validate(LoadTestSchedule)}: every problem at its path in the schedule. */
class LoadTestScheduleValidatorTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String FIXED = """
      template:
        spec:
          target: {url: "http://127.0.0.1:8080"}
          requests: [{name: browse, path: /}]
          load: {stages: [{duration: 30s, rate: 100}]}
      """;
  private static final String SEARCH = """
      template:
        spec:
          target: {url: "http://127.0.0.1:8080"}
          requests: [{name: browse, path: /}]
          capacity: {slo: {p99: 500ms}, startRate: 100, maxRate: 2000}
      """;

  private static List<String> problems(String name, String specYaml) throws Exception {
    String manifest = "apiVersion: headroom.dev/v1alpha1\nkind: LoadTestSchedule\nmetadata: {name: " + name + "}\n"
        + (specYaml == null ? "" : "spec:\n" + specYaml.indent(2));
    LoadTestSchedule schedule = YAML.readValue(manifest, LoadTestSchedule.class);
    return LoadTestValidator.validate(schedule).stream().map(Problem::toString).toList();
  }

  private static List<String> problems(String specYaml) throws Exception {
    return problems("nightly", specYaml);
  }

  @Test
  void aCompleteScheduleIsValid() throws Exception {
    assertEquals(List.of(), problems("""
        schedule: "0 2 * * *"
        timeZone: Europe/Berlin
        suspend: false
        startingDeadlineSeconds: 300
        concurrencyPolicy: Forbid
        successfulRunsHistoryLimit: 3
        failedRunsHistoryLimit: 1
        regression: {baseline: Previous, maxCapacityDrop: "10%"}
        """ + SEARCH));
    for (String nickname : List.of("@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually")) {
      assertEquals(List.of(), problems("schedule: \"" + nickname + "\"\n" + FIXED), nickname);
    }
    assertEquals(List.of(), problems("schedule: \"30 6 * * 1-5\"\nstartingDeadlineSeconds: 10\n"
        + "successfulRunsHistoryLimit: 0\nfailedRunsHistoryLimit: 13\n" + FIXED), "the bounds themselves");
  }

  @Test
  void aBadCronIsReportedWithCronUtilsReason() throws Exception {
    assertEquals(List.of("spec.schedule: '0 2 * *' is not a cron expression: Cron expression contains 4 parts but we"
            + " expect one of [5]"),
        problems("schedule: \"0 2 * *\"\n" + FIXED));
    assertEquals(List.of("spec.schedule: '61 2 * * *' is not a cron expression: Failed to parse cron expression."
            + " Value 61 not in range [0, 59]"),
        problems("schedule: \"61 2 * * *\"\n" + FIXED));
    assertEquals(List.of("spec.schedule: '@every 5m' is not a cron expression: Cron expression contains 2 parts but"
            + " we expect one of [5]"),
        problems("schedule: \"@every 5m\"\n" + FIXED), "Go's @every is not cron");
    assertEquals(List.of("spec.schedule: '0 0 30 2 *' never fires: no date matches it"),
        problems("schedule: \"0 0 30 2 *\"\n" + FIXED));
    assertEquals(List.of("spec.schedule: is empty: give five fields (minute hour day-of-month month day-of-week)"
            + " or @daily"),
        problems("schedule: \" \"\n" + FIXED));
    assertEquals(List.of("spec.schedule: is empty: give five fields (minute hour day-of-month month day-of-week)"
            + " or @daily"),
        problems(FIXED), "unset");
  }

  @Test
  void aTimeZoneMustBeANameOfTheTimeZoneDatabase() throws Exception {
    assertEquals(List.of("spec.timeZone: 'Europe/Berln' is not an IANA time zone, such as Europe/Berlin or UTC"
            + " (did you mean Europe/Berlin?)"),
        problems("schedule: \"@daily\"\ntimeZone: Europe/Berln\n" + FIXED));
    assertEquals(List.of("spec.timeZone: '+02:00' is not an IANA time zone, such as Europe/Berlin or UTC"),
        problems("schedule: \"@daily\"\ntimeZone: \"+02:00\"\n" + FIXED), "an offset knows no summer time");
    for (String zone : List.of("UTC", "Etc/UTC", "America/New_York", "Asia/Kolkata")) {
      assertEquals(List.of(), problems("schedule: \"@daily\"\ntimeZone: " + zone + "\n" + FIXED), zone);
    }
  }

  @Test
  void theDeadlineAndHistoryLimitsAreBounded() throws Exception {
    assertEquals(
        List.of(
            "spec.startingDeadlineSeconds: must be >= 10: a firing is acted on a moment after its instant, and a"
                + " shorter deadline would skip it as missed",
            "spec.successfulRunsHistoryLimit: must be between 0 and 13",
            "spec.failedRunsHistoryLimit: must be between 0 and 13"),
        problems("schedule: \"@daily\"\nstartingDeadlineSeconds: -1\nsuccessfulRunsHistoryLimit: 21\n"
            + "failedRunsHistoryLimit: -1\n" + FIXED));
  }

  @Test
  void aDeadlineShorterThanAReconcilesDelayIsRefused() throws Exception {
    for (String seconds : List.of("0", "2", "9")) {
      assertEquals(List.of("spec.startingDeadlineSeconds: must be >= 10: a firing is acted on a moment after its"
              + " instant, and a shorter deadline would skip it as missed"),
          problems("schedule: \"@daily\"\nstartingDeadlineSeconds: " + seconds + "\n" + FIXED), seconds);
    }
  }

  @Test
  void theHistoryLimitsTogetherLeaveEveryKeptRunItsLine() throws Exception {
    assertEquals(List.of("spec.failedRunsHistoryLimit: with successfulRunsHistoryLimit (10) keeps 14 runs; together"
            + " at most 13, so that each has its line in status.history (20 lines, 5 of them for skipped firings, 2"
            + " for a run going and the baseline)"),
        problems("schedule: \"@daily\"\nsuccessfulRunsHistoryLimit: 10\nfailedRunsHistoryLimit: 4\n" + FIXED));
    assertEquals(List.of(), problems("schedule: \"@daily\"\nsuccessfulRunsHistoryLimit: 12\n" + FIXED),
        "12 and the default 1");
    assertEquals(1, problems("schedule: \"@daily\"\nsuccessfulRunsHistoryLimit: 13\n" + FIXED).size(),
        "13 and the default 1");
  }

  @Test
  void theNameLeavesRoomForTheRunsSuffix() throws Exception {
    int longest = LoadTestValidator.MAX_SCHEDULE_NAME_LENGTH;
    assertEquals(39, longest);
    String child = "a".repeat(longest) + "-" + Instant.now().getEpochSecond() / 60;
    assertTrue(child.length() <= WorkerResources.MAX_NAME_LENGTH, child + " fits a LoadTest name");
    long lastEightDigitMinute = 99_999_999L;
    assertTrue(Instant.EPOCH.plus(lastEightDigitMinute, ChronoUnit.MINUTES).isAfter(Instant.parse("2160-01-01T00:00:00Z")));

    assertEquals(List.of(), problems("a".repeat(longest), "schedule: \"@daily\"\n" + FIXED));
    assertEquals(List.of("metadata.name: at most 39 characters, got 40: each run is a LoadTest named"
            + " <schedule>-<8 digits>, and a LoadTest name is at most 48"),
        problems("a".repeat(longest + 1), "schedule: \"@daily\"\n" + FIXED));
  }

  @Test
  void theSpecTemplateAndItsSpecAreRequired() throws Exception {
    assertEquals(List.of("spec: required"), problems(null));
    assertEquals(List.of("spec.template: required"), problems("schedule: \"@daily\"\n"));
    assertEquals(List.of("spec.template.spec: required"),
        problems("schedule: \"@daily\"\ntemplate: {metadata: {labels: {team: shop}}}\n"));
  }

  @Test
  void theTemplatesProblemsAreAtTheirPathUnderTheTemplate() throws Exception {
    assertEquals(
        List.of(
            "spec.template.spec.load.stages[0].rate: must be > 0",
            "spec.template.spec.workers.replicas: must be between 1 and 1000",
            "spec.template.spec.thresholds[0].request: no request named 'buy' in spec.template.spec.requests",
            "spec.template.spec.ttlSecondsAfterFinished: must be >= 0"),
        problems("schedule: \"@daily\"\n" + FIXED.replace("rate: 100", "rate: -5") + """
                workers: {replicas: 0}
                thresholds: [{metric: p99, max: 1s, request: buy}]
                ttlSecondsAfterFinished: -1
            """));
    assertEquals(List.of("spec.template.spec.load.model: must be Open with capacity: the search varies the arrival"
            + " rate, which the Closed model does not set"),
        problems("schedule: \"@daily\"\n" + SEARCH + "    load: {model: Closed}\n"));
  }

  @Test
  void problemsOfTheScheduleAndOfItsTemplateAreAllReported() throws Exception {
    assertEquals(
        List.of(
            "spec.schedule: '0 2 * *' is not a cron expression: Cron expression contains 4 parts but we expect one"
                + " of [5]",
            "spec.timeZone: 'Mars/Olympus' is not an IANA time zone, such as Europe/Berlin or UTC",
            "spec.template.spec.capacity.maxRate: must be > startRate (100): the search steps up from startRate"
                + " to maxRate"),
        problems("schedule: \"0 2 * *\"\ntimeZone: Mars/Olympus\n" + SEARCH.replace("maxRate: 2000", "maxRate: 50")));
  }

  @Test
  void regressionBelongsToTheScheduleNotItsTemplate() throws Exception {
    assertEquals(List.of("spec.template.spec.regression: not allowed in the template: set regression on the schedule"
            + " (spec.regression)"),
        problems("schedule: \"@daily\"\n" + SEARCH + "    regression: {maxCapacityDrop: \"10%\"}\n"));
  }

  @Test
  void theSchedulesRegressionIsCheckedAgainstTheTemplatesKindOfRun() throws Exception {
    assertEquals(List.of("spec.regression.maxCapacityDrop: needs a capacity search (spec.template.spec.capacity):"
            + " only a search finds a capacity to compare"),
        problems("schedule: \"@daily\"\nregression: {maxCapacityDrop: \"10%\"}\n" + FIXED));
    assertEquals(List.of("spec.regression.maxP99Increase: not compared on a capacity search: its latencies and"
            + " errors change with the rate of each step, on purpose; only maxCapacityDrop is"),
        problems("schedule: \"@daily\"\nregression: {maxP99Increase: \"20%\"}\n" + SEARCH));
    assertEquals(List.of(), problems("schedule: \"@daily\"\nregression: {baseline: nightly-29925120,"
        + " maxP99Increase: \"20%\", maxErrorRateIncrease: \"1%\"}\n" + FIXED));
    assertEquals(
        List.of(
            "spec.template: required",
            "spec.regression.baseline: 'Last' is neither Previous nor a LoadTest name (lower-case letters, digits"
                + " and '-', starting and ending with a letter or digit)",
            "spec.regression.maxCapacityDrop: must be below 100%: a capacity cannot drop by all of itself"),
        problems("schedule: \"@daily\"\nregression: {baseline: Last, maxCapacityDrop: \"150%\"}\n"),
        "with no template, the limits' form is still checked");
  }
}
