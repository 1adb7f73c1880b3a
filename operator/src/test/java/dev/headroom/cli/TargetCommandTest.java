package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TargetCommandTest {

  @Test
  void helpDescribesTheOptionsAndPathsAndExitsZero() {
    CommandRun run = CommandRun.of("target", "--help");
    assertEquals(ExitCodes.OK, run.exitCode());
    assertTrue(run.out().contains("--service-time"), run.out());
    assertTrue(run.out().contains("/status/{code}"), run.out());
  }

  @Test
  void anUnparsableDurationNamesItsOption() {
    assertUsageErrorNaming("--service-time", "target", "--service-time", "soon");
    assertUsageErrorNaming("--every", "target", "--stall", "1s", "--every", "5 seconds");
  }

  @Test
  void outOfRangeValuesNameTheirOption() {
    assertUsageErrorNaming("--service-time", "target", "--service-time", "0s");
    assertUsageErrorNaming("--concurrency", "target", "--concurrency", "0");
    assertUsageErrorNaming("--concurrency", "target", "--concurrency", "many");
    assertUsageErrorNaming("--port", "target", "--port", "70000");
  }

  @Test
  void aStallNeedsAPeriodLongerThanItself() {
    assertUsageErrorNaming("--every", "target", "--stall", "500ms");
    assertUsageErrorNaming("--stall", "target", "--stall", "5s", "--every", "1s");
  }

  @Test
  void anUnknownOptionPointsToHelp() {
    CommandRun run = assertUsageErrorNaming("--frobnicate", "target", "--frobnicate");
    assertTrue(run.err().contains("'headroom target --help'"), run.err());
  }

  @Test
  void startsATargetThatAnswersAndDescribesItself() throws Exception {
    TargetCommand command = parse("target", "--port", "0", "--concurrency", "5", "--service-time", "2ms",
        "--stall", "100ms", "--every", "10s");
    try (TargetCommand.Running running = command.start()) {
      String line = running.target().describe();
      assertTrue(line.startsWith("demo target on http://127.0.0.1:" + running.target().port() + ": "), line);
      assertTrue(line.endsWith("capacity 2500 rps (concurrency 5, service time 2ms), freezes 100ms every 10s"), line);

      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(running.target().url() + "/")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      assertEquals("ok\n", response.body());
    }
  }

  @Test
  void aPortInUseIsReportedWithoutAStackTrace() throws Exception {
    try (TargetCommand.Running first = parse("target", "--port", "0").start()) {
      String port = String.valueOf(first.target().port());
      CommandRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CommandRun.of("target", "--port", port));
      assertEquals(ExitCodes.ERROR, run.exitCode());
      assertTrue(run.err().contains("cannot listen on 127.0.0.1:" + port), run.err());
      assertEquals(1, run.errLines(), run.err());
    }
  }

  private static TargetCommand parse(String... args) {
    return (TargetCommand) Headroom.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
  }

  private static CommandRun assertUsageErrorNaming(String option, String... args) {
    CommandRun run = CommandRun.of(args);
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains(option), run.err());
    assertEquals(2, run.errLines(), "one line and a hint: " + run.err());
    assertFalse(run.err().contains("Exception"), run.err());
    return run;
  }
}
