package dev.headroom.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the {@code headroom} command line, in process, with what it printed. */
record CommandRun(int exitCode, String out, String err) {

  static CommandRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = Headroom.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
    return new CommandRun(exitCode, out.toString(), err.toString());
  }

  /** Non-empty lines of standard error. */
  long errLines() {
    return err.lines().filter(line -> !line.isBlank()).count();
  }
}
