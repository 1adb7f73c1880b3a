package dev.headroom.e2e.operator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the command-line tools a cluster admin would ({@code helm}, {@code kubectl}), to their end. */
public final class Commands {

  /** How a command ended: its exit code (-1 when it had to be killed) and its output, stderr included. */
  public record Result(int exitCode, String output) {
  }

  private Commands() {
  }

  /** Runs {@code command}, killed after {@code timeout}; its output goes through a file so no pipe can block it. */
  public static Result run(Duration timeout, List<String> command) {
    try {
      File output = File.createTempFile("headroom-command-", ".log");
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(output).start();
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
          process.destroyForcibly().waitFor();
        }
        String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
        return new Result(ended ? process.exitValue() : -1,
            ended ? text : text + "\n(killed after " + timeout.toSeconds() + "s)");
      } finally {
        Files.deleteIfExists(output.toPath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }

  /** Runs {@code command} and returns its output; fails the test with that output unless it exits 0. */
  public static String succeed(Duration timeout, List<String> command) {
    Result result = run(timeout, command);
    if (result.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed (exit " + result.exitCode() + "): " + result.output());
    }
    return result.output();
  }
}
