package dev.headroom.operator.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * For tests on a real control plane only ({@code HEADROOM_CLOCK_FILE}): the time is what a file
 * says, an RFC 3339 instant, read again at every call, so a test moves schedules to a firing by
 * writing the file instead of waiting for it.
 */
public final class FileClock extends Clock {

  private final Path file;

  public FileClock(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** @throws IllegalStateException when the file cannot be read or holds no instant */
  @Override
  public Instant instant() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the clock file " + file + ": " + e.getMessage(), e);
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      throw new IllegalStateException("the clock file " + file + " holds '" + text + "', not an RFC 3339 instant");
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a clock file is UTC");
  }
}
