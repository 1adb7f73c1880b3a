package dev.headroom.cli;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.operator.policy.Policy;
import dev.headroom.operator.run.SpecCheck;
import dev.headroom.plan.Problem;
import dev.headroom.validation.LoadTestValidator;
import dev.headroom.validation.ManifestReader;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
 * {@code headroom validate FILE...}: every LoadTest and LoadTestSchedule in the files, checked
 * exactly as the operator checks it before it creates anything (the validator, the name's length,
 * and, given the chart's values, the admin's policy; for a schedule, on the spec of the LoadTest
 * each firing creates), for a pre-merge CI job. Other kinds in the files are passed over.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
        "Checks every LoadTest and LoadTestSchedule in FILE... as the operator would, before anything is applied.",
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
        if (d.passedOver()) {
          out.println(where + ": " + d.kind() + (d.name() == null ? "" : " " + d.name())
              + ": not a LoadTest or LoadTestSchedule, passed over");
          continue;
        }
        String kind = d.kind() == null ? ManifestReader.KIND : d.kind();
        List<Problem> problems = d.resource() == null ? d.problems() : operatorCheck(d.resource(), check, policy);
        if (problems.isEmpty()) {
          valid++;
          out.println(where + ": " + kind + " " + d.name() + ": valid");
        } else {
          invalid++;
          err.println(where + (d.name() == null ? "" : ": " + kind + " " + d.name()) + ":");
          problems.forEach(p -> err.println("  " + p));
        }
      }
    }
    out.flush();
    err.flush();
    if (invalid == 0 && valid == 0) {
      err.println("headroom validate: no LoadTest or LoadTestSchedule in " + files);
      return ExitCodes.USAGE;
    }
    return invalid == 0 ? ExitCodes.OK : ExitCodes.USAGE;
  }

  /**
   * What the operator checks beyond the manifest, for a resource that binds and validates: its
   * name, then the policy (for a schedule, on the spec each of its runs gets).
   */
  private static List<Problem> operatorCheck(HasMetadata resource, SpecCheck check, Policy policy) {
    String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
    if (name == null || name.isBlank()) {
      return List.of(new Problem("metadata.name", resource instanceof LoadTestSchedule
          ? "required: each run is a LoadTest named after its schedule"
          : "required: the operator names the run's Job and pods after it"));
    }
    if (resource instanceof LoadTestSchedule schedule) {
      return policy.check(schedule.getSpec().template().spec(), LoadTestValidator.TEMPLATE_SPEC);
    }
    Optional<SpecCheck.Rejection> rejected = check.check((LoadTest) resource);
    return rejected.map(SpecCheck.Rejection::problems).orElse(List.of());
  }
}
