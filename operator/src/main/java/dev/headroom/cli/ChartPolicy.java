package dev.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.headroom.operator.policy.Policy;
import dev.headroom.plan.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin's policy as the chart's values file sets it ({@code policy.allowedHosts},
 * {@code maxTotalRate}, {@code maxWorkers}), so a manifest can be checked against the cluster's
 * rules before it merges. Values the chart's schema would refuse are problems at their path.
 */
final class ChartPolicy {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The policy, or the problems that stop it being read. */
  record Read(Policy policy, List<Problem> problems) {}

  private ChartPolicy() {}

  static Read read(Path values) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(values));
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      return new Read(null, List.of(new Problem("", "cannot read " + values + ": " + why)));
    }
    JsonNode policy = root == null ? null : root.path("policy");
    if (policy == null || policy.isMissingNode() || policy.isNull()) {
      return new Read(Policy.NONE, List.of());
    }
    List<Problem> problems = new ArrayList<>();
    List<String> hosts = new ArrayList<>();
    JsonNode allowed = policy.path("allowedHosts");
    if (allowed.isArray()) {
      allowed.forEach(h -> {
        if (h.isTextual() && !h.asText().isBlank()) {
          hosts.add(h.asText());
        } else {
          problems.add(new Problem("policy.allowedHosts", "each entry must be a host pattern, got " + h));
        }
      });
    } else if (!allowed.isMissingNode() && !allowed.isNull()) {
      problems.add(new Problem("policy.allowedHosts", "must be a list of host patterns"));
    }
    Double maxRate = null;
    JsonNode rate = policy.path("maxTotalRate");
    if (rate.isNumber() && rate.asDouble() > 0) {
      maxRate = rate.asDouble();
    } else if (!rate.isMissingNode() && !rate.isNull()) {
      problems.add(new Problem("policy.maxTotalRate", "must be a number > 0 or null, got " + rate));
    }
    Integer maxWorkers = null;
    JsonNode workers = policy.path("maxWorkers");
    if (workers.isIntegralNumber() && workers.asInt() >= 1) {
      maxWorkers = workers.asInt();
    } else if (!workers.isMissingNode() && !workers.isNull()) {
      problems.add(new Problem("policy.maxWorkers", "must be a whole number >= 1 or null, got " + workers));
    }
    return problems.isEmpty() ? new Read(new Policy(hosts, maxRate, maxWorkers), List.of()) : new Read(null, problems);
  }
}
