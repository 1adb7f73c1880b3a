package dev.headroom.cli;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.operator.policy.Policy;
import dev.headroom.operator.run.SpecCheck;
import dev.headroom.plan.Problem;
import dev.headroom.validation.ManifestReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code headroom validate FILE...}: every LoadTest in the files, checked exactly as the operator
 * checks it before it creates anything (the validator, the name's length, and, given the chart's
 * values, the admin's policy), for a pre-merge CI job. Other kinds in the files are passed over.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
        "Checks every LoadTest in FILE... as the operator would, before anything is applied.",
        "Files may hold several documents; other kinds are passed over.",
        "Exit status: 0 all valid, 2 a problem (each at its field path)."
    })
public final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Manifests (YAML or JSON).")
  List<Path> files;

  @Option(names = "--values", paramLabel = "VALUES",
      description = "The chart's values file: check its policy (allowed hosts, total rate, workers) too.")
  Path values;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Policy policy = Policy.NONE;
    if (values != null) {
      ChartPolicy.Read read = ChartPolicy.read(values);
      if (read.policy() == null) {
        err.println("headroom validate: " + values + " does not set a policy the chart would take:");
        read.problems().forEach(p -> err.println("  " + p));
        return ExitCodes.USAGE;
      }
      policy = read.policy();
    }
    SpecCheck check = new SpecCheck(policy);
    int valid = 0;
    int invalid = 0;
    for (Path file : files) {
      for (ManifestReader.Document d : ManifestReader.readAll(file)) {
        String where = file + (d.index() > 0 ? " (document " + d.index() + ")" : "");
        if (d.result() == null) {
          out.println(where + ": " + d.kind() + (d.name() == null ? "" : " " + d.name()) + ": not a LoadTest, passed over");
          continue;
        }
        List<Problem> problems = problems(d, check);
        if (problems.isEmpty()) {
          valid++;
          out.println(where + ": LoadTest " + d.name() + ": valid");
        } else {
          invalid++;
          err.println(where + (d.name() == null ? "" : ": LoadTest " + d.name()) + ":");
          problems.forEach(p -> err.println("  " + p));
        }
      }
    }
    out.flush();
    err.flush();
    if (invalid == 0 && valid == 0) {
      err.println("headroom validate: no LoadTest in " + files);
      return ExitCodes.USAGE;
    }
    return invalid == 0 ? ExitCodes.OK : ExitCodes.USAGE;
  }

  /** The manifest's problems, then (for one that binds and validates) the operator's own check. */
  private static List<Problem> problems(ManifestReader.Document d, SpecCheck check) {
    if (!d.result().isValid()) {
      return d.result().problems();
    }
    LoadTest lt = d.result().loadTest();
    if (lt.getMetadata() == null || lt.getMetadata().getName() == null || lt.getMetadata().getName().isBlank()) {
      return List.of(new Problem("metadata.name", "required: the operator names the run's Job and pods after it"));
    }
    Optional<SpecCheck.Rejection> rejected = check.check(lt);
    return rejected.map(SpecCheck.Rejection::problems).orElse(List.of());
  }
}
