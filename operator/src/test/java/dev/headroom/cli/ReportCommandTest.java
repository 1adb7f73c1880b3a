package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom report}'s bad input: one line naming what is wrong, exit 2, nothing written. */
class ReportCommandTest {

  @TempDir Path dir;

  private void refused(String expected, String... args) {
    Path out = dir.resolve("out.html");
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-o";
    all[args.length + 1] = out.toString();
    CommandRun run = CommandRun.of(all);
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(1, run.errLines(), "one line, no stack trace: " + run.err());
    assertTrue(run.err().startsWith("headroom report: " + expected), run.err());
    assertTrue(Files.notExists(out), "nothing written");
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws Exception {
    refused("give a saved STATUS.json or --loadtest NAME[/RUN], one of the two", "report");
    refused("give a saved STATUS.json or --loadtest NAME[/RUN], one of the two", "report", "s.json", "--loadtest", "x");
    refused("--loadtest: 'Checkout/latest' is not NAME or NAME/RUN", "report", "--loadtest", "Checkout/latest");
    refused(dir.resolve("missing.json") + ": no such file", "report", dir.resolve("missing.json").toString());
    Path old = Files.writeString(dir.resolve("old.json"), "{\"phase\": \"Succeeded\", \"run\": 1}");
    refused(old + ": cannot be drawn: the status has no results.intervalLog to draw", "report", old.toString());
    refused("--manifest and --baseline are for a saved STATUS.json", "report", "--loadtest", "x", "--manifest", "m.yaml");
  }
}
