package dev.headroom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code headroom import FORMAT}: a test made from a recording; each format is a subcommand. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Makes a LoadTest manifest from a recording of real traffic.",
    subcommands = ImportHarCommand.class)
final class ImportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing the recording's format: har");
  }
}
