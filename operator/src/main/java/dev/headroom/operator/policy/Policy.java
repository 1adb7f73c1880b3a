package dev.headroom.operator.policy;

import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.plan.Durations;
import dev.headroom.plan.FieldPath;
import dev.headroom.plan.Problem;
import dev.headroom.plan.Stage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the cluster admin allows a {@code LoadTest} to do, set in the chart's values. A spec that
 * breaks it ends {@code Failed} with reason {@code PolicyViolation} and creates nothing.
 *
 * <p>Checks a spec that is otherwise valid ({@code LoadTestValidator} ran first), so it reads the
 * fields without re-checking their form.
 *
 * @param allowedHosts glob patterns for the target's host, {@code *} matching any run of
 *     characters dots included ({@code *.svc}, {@code *.shop.svc.cluster.local}); empty allows any
 * @param maxTotalRate the highest total request rate across all workers (any stage, ramp end,
 *     closed-model bound of users over think time, or capacity search); null for no limit
 * @param maxWorkers the most workers per LoadTest; null for no limit
 */
public record Policy(List<String> allowedHosts, Double maxTotalRate, Integer maxWorkers) {

  /** Anything goes. */
  public static final Policy NONE = new Policy(List.of(), null, null);

  public Policy {
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
  }

  /** Every way {@code spec} breaks this policy, each at its path; empty when it keeps to it. */
  public List<Problem> check(LoadTestSpec spec) {
    return check(spec, FieldPath.of("spec"));
  }

  /**
   * As {@link #check(LoadTestSpec)}, for a spec at {@code at}: {@code spec.template.spec} of a
   * schedule, whose every run this policy will judge.
   */
  public List<Problem> check(LoadTestSpec spec, FieldPath at) {
    List<Problem> problems = new ArrayList<>();
    host(spec, at.field("target").field("url"), problems);
    rates(spec, at, problems);
    if (maxWorkers != null && spec.replicas() > maxWorkers) {
      problems.add(Problem.at(at.field("workers").field("replicas"),
          spec.replicas() + " workers is more than the policy allows (" + maxWorkers + ")"));
    }
    return problems;
  }

  private void host(LoadTestSpec spec, FieldPath at, List<Problem> problems) {
    if (allowedHosts.isEmpty() || spec.target() == null || spec.target().url() == null) {
      return;
    }
    String host = hostOf(spec.target().url());
    if (host == null || allowedHosts.stream().noneMatch(p -> matches(p, host))) {
      problems.add(Problem.at(at, "host '" + (host == null ? spec.target().url() : host)
          + "' is not allowed by the policy (allowed: " + String.join(", ", allowedHosts) + ")"));
    }
  }

  private void rates(LoadTestSpec spec, FieldPath at, List<Problem> problems) {
    if (maxTotalRate == null) {
      return;
    }
    List<Stage> stages = spec.load() == null || spec.load().stages() == null ? List.of() : spec.load().stages();
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      FieldPath stageAt = at.field("load").field("stages").index(i);
      rate(stage.rate(), stageAt.field("rate"), problems);
      rate(stage.rampTo(), stageAt.field("rampTo"), problems);
      users(stage, stageAt, problems);
    }
    if (spec.capacity() != null) {
      rate(spec.capacity().maxRate(), at.field("capacity").field("maxRate"), problems);
    }
  }

  private void rate(Double rate, FieldPath at, List<Problem> problems) {
    if (rate != null && rate > maxTotalRate) {
      problems.add(Problem.at(at, format(rate) + " requests/s in total is more than the policy allows ("
          + format(maxTotalRate) + ")"));
    }
  }

  /**
   * A closed-model stage: each user waits for its response and then its think time, so {@code
   * users / thinkTime} bounds the stage's rate, whatever the target does. Without a think time
   * nothing does, and a fast target would take any rate.
   */
  private void users(Stage stage, FieldPath at, List<Problem> problems) {
    if (stage.users() == null) {
      return;
    }
    Duration think = stage.thinkTime() == null ? Duration.ZERO : Durations.parse(stage.thinkTime());
    Duration least = Duration.ofNanos((long) Math.ceil(stage.users() * 1e9 / maxTotalRate));
    if (think.compareTo(least) < 0) {
      double bound = think.isZero() ? Double.POSITIVE_INFINITY : stage.users() * 1e9 / think.toNanos();
      problems.add(Problem.at(at.field("thinkTime"), stage.users() + " users "
          + (think.isZero() ? "without a think time have no bound on their rate"
              : "pausing " + stage.thinkTime() + " may send up to " + format(Math.ceil(bound)) + " requests/s")
          + "; the policy allows " + format(maxTotalRate) + " in total, which needs a think time of at least "
          + Durations.formatNanos(least.toNanos())));
    }
  }

  private static String format(double rate) {
    return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
  }

  /** The host of a URL, lower case, without port; null when there is none. */
  static String hostOf(String url) {
    try {
      String host = URI.create(url.trim()).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether {@code host} matches the glob {@code pattern}, ignoring case. */
  static boolean matches(String pattern, String host) {
    String[] literals = pattern.toLowerCase(Locale.ROOT).split("\\*", -1);
    StringBuilder regex = new StringBuilder(Pattern.quote(literals[0]));
    for (int i = 1; i < literals.length; i++) {
      regex.append(".*").append(Pattern.quote(literals[i]));
    }
    return Pattern.matches(regex.toString(), host.toLowerCase(Locale.ROOT));
  }
}
