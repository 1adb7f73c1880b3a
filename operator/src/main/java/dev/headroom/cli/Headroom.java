package dev.headroom.cli;

import dev.headroom.plan.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code headroom} command. Each subcommand is a class listed below; exit statuses are
 * {@link ExitCodes}. Usage mistakes get one line naming the problem and a pointer to {@code --help},
 * never a stack trace.
 */
@Command(
    name = "headroom",
    mixinStandardHelpOptions = true,
    versionProvider = Headroom.ManifestVersion.class,
    description = "Load tests that say how much headroom a service has.",
    subcommands = {
        RunCommand.class,
        ReportCommand.class,
        TargetCommand.class,
        ValidateCommand.class,
        ImportCommand.class,
        dev.headroom.operator.OperatorCommand.class,
    })
public final class Headroom implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  public static void main(String... args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit status (see {@link ExitCodes}) without exiting. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line, for callers that set its output streams (tests). */
  public static CommandLine commandLine() {
    return new CommandLine(new Headroom())
        .registerConverter(Duration.class, Headroom::duration)
        .setParameterExceptionHandler(Headroom::usageError)
        .setExecutionExceptionHandler(Headroom::internalError);
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing a command");
  }

  private static Duration duration(String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String name = command.getCommandSpec().qualifiedName();
    err.println(name + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + name + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** A bug, not a user mistake: its stack trace helps whoever fixes it. */
  private static int internalError(Exception e, CommandLine command, ParseResult parsed) {
    e.printStackTrace(command.getErr());
    command.getErr().flush();
    return ExitCodes.ERROR;
  }

  /** The version the jar's manifest gives ({@code Implementation-Version}); none when run from classes. */
  static final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Headroom.class.getPackage().getImplementationVersion();
      return new String[] {"headroom " + (version != null ? version : "(development build)")};
    }
  }
}
