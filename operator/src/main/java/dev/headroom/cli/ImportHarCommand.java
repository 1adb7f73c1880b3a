package dev.headroom.cli;

import dev.headroom.har.HarException;
import dev.headroom.har.HarFile;
import dev.headroom.har.HarImport;
import dev.headroom.har.ManifestWriter;
import dev.headroom.plan.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code headroom import har FILE.har}: a browser recording as a LoadTest with one journey. The
 * manifest goes to stdout or a file; what the user must know about it (what was left out, what
 * was captured, which Secret to create) to stderr, so stdout can be piped to {@code kubectl}.
 */
@Command(
    name = "har",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Turns a browser recording (HAR, as DevTools' \"Save all as HAR\" writes it)",
        "into a LoadTest manifest with one journey: the requests to one host in order,",
        "the user's pauses as think times, values the server handed out and the",
        "browser sent back as captures and $${variables}, credentials as secret headers.",
        "Exit status: 0 written, 2 bad input, 3 could not write."
    })
final class ImportHarCommand implements Callable<Integer> {

  private static final String NAME = "headroom import har";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE.har", description = "The recording.")
  Path file;

  @Option(names = "--host", paramLabel = "HOST",
      description = "Keep the requests to HOST (or HOST:PORT); default: the host of the first request that is not a static asset.")
  String host;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.yaml", description = "Write the manifest to OUT.yaml instead of stdout.")
  Path output;

  @Option(names = "--keep-static", description = "Keep static assets (scripts, styles, images, fonts), dropped by default.")
  boolean keepStatic;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HarImport imported;
    try {
      imported = HarImport.of(HarFile.read(file), file, host, keepStatic);
    } catch (HarException e) {
      err.println(NAME + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    List<Problem> problems = ManifestWriter.check(imported.yaml());
    if (!problems.isEmpty()) {
      err.println(NAME + ": the manifest made from " + file + " does not validate, a bug of the import (please"
          + " report it with these lines):");
      problems.forEach(p -> err.println("  " + p));
      return ExitCodes.ERROR;
    }
    if (output == null) {
      out.print(imported.yaml());
      out.flush();
    } else {
      try {
        write(output, imported.yaml());
      } catch (IOException e) {
        err.println(NAME + ": cannot write " + output + ": " + e.getMessage());
        return ExitCodes.ERROR;
      }
    }
    imported.notes().forEach(note -> err.println(note.startsWith(" ") ? note : NAME + ": " + note));
    if (output != null) {
      err.println(NAME + ": wrote " + output);
    }
    err.flush();
    return ExitCodes.OK;
  }

  /** Through a file beside it, moved into place: a failed write never leaves half a manifest. */
  private static void write(Path target, String text) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temp, text);
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
