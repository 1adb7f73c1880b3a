package dev.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  @Test
  void aLogGetsALineEveryTenSecondsAtFirstAndFewerAsTheRunGrows() {
    assertEquals(Duration.ofSeconds(10), ProgressLine.logGap(Duration.ZERO));
    assertEquals(Duration.ofSeconds(10), ProgressLine.logGap(Duration.ofMinutes(5)));
    assertEquals(Duration.ofMinutes(2), ProgressLine.logGap(Duration.ofHours(1)));
    assertEquals(Duration.ofMinutes(10), ProgressLine.logGap(Duration.ofHours(24)));
  }

  @Test
  void aDayLongRunWritesAFewHundredLinesNotThousands() {
    int lines = 0;
    Duration day = Duration.ofHours(24);
    for (Duration t = Duration.ZERO; t.compareTo(day) < 0; t = t.plus(ProgressLine.logGap(t))) {
      lines++;
    }
    assertTrue(lines > 100 && lines < 300, lines + " lines");
  }
}
