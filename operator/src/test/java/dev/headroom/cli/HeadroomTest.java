package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HeadroomTest {

  @Test
  void helpListsTheCommandsAndExitsZero() {
    CommandRun run = CommandRun.of("--help");
    assertEquals(ExitCodes.OK, run.exitCode());
    assertTrue(run.out().contains("target"), run.out());
  }

  /** Picocli reports a help text it cannot format (a lone '%') on System.err, before the help. */
  @Test
  void everyCommandsHelpFormatsWithoutAWarning() {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      for (CommandLine command : Headroom.commandLine().getSubcommands().values()) {
        assertFalse(command.getUsageMessage().isBlank(), command.getCommandName());
      }
    } finally {
      System.setErr(err);
    }
    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
  }

  @Test
  void versionExitsZero() {
    CommandRun run = CommandRun.of("--version");
    assertEquals(ExitCodes.OK, run.exitCode());
    assertTrue(run.out().startsWith("headroom "), run.out());
  }

  @Test
  void noCommandIsAUsageErrorPointingToHelp() {
    CommandRun run = CommandRun.of();
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertTrue(run.err().contains("missing a command"), run.err());
    assertTrue(run.err().contains("'headroom --help'"), run.err());
    assertEquals(2, run.errLines(), run.err());
  }

  @Test
  void anUnknownCommandIsAUsageErrorWithoutAStackTrace() {
    CommandRun run = CommandRun.of("frobnicate");
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertTrue(run.err().contains("frobnicate"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }
}
