package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeadroomTest {

  @Test
  void helpListsTheCommandsAndExitsZero() {
    CommandRun run = CommandRun.of("--help");
    assertEquals(ExitCodes.OK, run.exitCode());
    assertTrue(run.out().contains("target"), run.out());
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
