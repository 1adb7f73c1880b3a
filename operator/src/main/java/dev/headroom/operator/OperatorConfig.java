package dev.headroom.operator;

import dev.headroom.operator.policy.Policy;
import dev.headroom.plan.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's settings, all from its environment (the chart sets them from its values).
 *
 * @param workerImage {@code HEADROOM_WORKER_IMAGE}: the image of worker pods unless a spec names
 *     one; default {@code headroom-worker:<version of this build>}
 * @param watchNamespaces {@code HEADROOM_WATCH_NAMESPACES}: comma list; empty watches all
 * @param policy {@code HEADROOM_POLICY_ALLOWED_HOSTS} (comma list of host globs), {@code
 *     HEADROOM_POLICY_MAX_RATE} (total requests/s), {@code HEADROOM_POLICY_MAX_WORKERS}
 * @param leaderElection {@code HEADROOM_LEADER_ELECTION}: {@code true} or {@code false} (default)
 * @param podNamespace {@code POD_NAMESPACE}: where the leader-election lease lives; required with
 *     leader election
 * @param metricsPort {@code HEADROOM_METRICS_PORT}: Prometheus {@code /metrics}, default 8080
 * @param healthPort {@code HEADROOM_HEALTH_PORT}: {@code /healthz} and {@code /readyz}, default 8081
 * @param bindHost the address the probe and metrics ports listen on: {@code HEADROOM_BIND}, else
 *     {@code HEADROOM_POD_IP} (set by the test control plane's process kubelet, where pods share
 *     one network namespace), else every address
 * @param readyTimeout {@code HEADROOM_READY_TIMEOUT}: how long workers may take to become ready
 *     before the run fails with the pods' reason; default {@code 5m}
 * @param checkpointEvery {@code HEADROOM_CHECKPOINT_INTERVAL}: how often a running run's merged
 *     results are written to its checkpoint ConfigMap, after which the workers drop them; default
 *     {@code 30s}
 * @param clockFile {@code HEADROOM_CLOCK_FILE}, for tests on a real control plane only: a file
 *     holding the RFC 3339 instant that schedules take as now; null (the default): the real time
 * @param reportUrl {@code HEADROOM_REPORT_URL}: where users reach the metrics port (the chart sets
 *     its Service's address), to name each run's report in its status; null: not named
 * @param metricsRetention {@code HEADROOM_METRICS_RETENTION}: how long a finished run's live
 *     metrics stay exported; default {@code 5m}
 * @param reports {@code HEADROOM_REPORTS}: whether the metrics port serves each run's report;
 *     default true. Off, no report page is served and no status names one.
 */
public record OperatorConfig(
    String workerImage,
    Set<String> watchNamespaces,
    Policy policy,
    boolean leaderElection,
    String podNamespace,
    int metricsPort,
    int healthPort,
    String bindHost,
    Duration readyTimeout,
    Duration checkpointEvery,
    Path clockFile,
    String reportUrl,
    Duration metricsRetention,
    boolean reports) {

  public static final String WORKER_IMAGE = "HEADROOM_WORKER_IMAGE";
  public static final String WATCH_NAMESPACES = "HEADROOM_WATCH_NAMESPACES";
  public static final String ALLOWED_HOSTS = "HEADROOM_POLICY_ALLOWED_HOSTS";
  public static final String MAX_RATE = "HEADROOM_POLICY_MAX_RATE";
  public static final String MAX_WORKERS = "HEADROOM_POLICY_MAX_WORKERS";
  public static final String LEADER_ELECTION = "HEADROOM_LEADER_ELECTION";
  public static final String POD_NAMESPACE = "POD_NAMESPACE";
  public static final String METRICS_PORT = "HEADROOM_METRICS_PORT";
  public static final String HEALTH_PORT = "HEADROOM_HEALTH_PORT";
  public static final String READY_TIMEOUT = "HEADROOM_READY_TIMEOUT";
  public static final String CHECKPOINT_INTERVAL = "HEADROOM_CHECKPOINT_INTERVAL";
  public static final String BIND = "HEADROOM_BIND";
  public static final String POD_IP = "HEADROOM_POD_IP";
  public static final String CLOCK_FILE = "HEADROOM_CLOCK_FILE";
  public static final String REPORT_URL = "HEADROOM_REPORT_URL";
  public static final String METRICS_RETENTION = "HEADROOM_METRICS_RETENTION";
  public static final String REPORTS = "HEADROOM_REPORTS";

  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern HOST_GLOB = Pattern.compile("[A-Za-z0-9*.:\\[\\]-]+");

  public OperatorConfig {
    watchNamespaces = Set.copyOf(watchNamespaces);
  }

  /** Every setting at its default: all namespaces, no policy, no leader election. */
  public static OperatorConfig defaults() {
    return fromEnv(Map.of());
  }

  /**
   * Reads the settings from {@code env}.
   *
   * @throws Invalid naming every variable that is wrong and why
   */
  public static OperatorConfig fromEnv(Map<String, String> env) {
    Reader r = new Reader(env);
    String image = r.text(WORKER_IMAGE, defaultWorkerImage());
    Set<String> namespaces = r.namespaces();
    Policy policy = new Policy(r.hostGlobs(), r.positiveNumber(MAX_RATE), r.positiveInteger(MAX_WORKERS));
    boolean leaderElection = r.bool(LEADER_ELECTION);
    String podNamespace = r.text(POD_NAMESPACE, null);
    if (leaderElection && podNamespace == null) {
      r.problem(POD_NAMESPACE, "required when " + LEADER_ELECTION
          + " is true: the namespace of the leader-election lease (the chart sets it from the pod)");
    }
    int metrics = r.port(METRICS_PORT, 8080);
    int health = r.port(HEALTH_PORT, 8081);
    if (metrics == health) {
      r.problem(HEALTH_PORT, "must differ from " + METRICS_PORT + " (both are " + health + ")");
    }
    String bind = r.text(BIND, r.text(POD_IP, "0.0.0.0"));
    Duration ready = r.duration(READY_TIMEOUT, Duration.ofMinutes(5));
    Duration checkpoint = r.duration(CHECKPOINT_INTERVAL, Duration.ofSeconds(30));
    String clock = r.text(CLOCK_FILE, null);
    String reportUrl = r.text(REPORT_URL, null);
    if (reportUrl != null && !reportUrl.matches("https?://[^/?#]+")) {
      r.problem(REPORT_URL, "must be http(s)://host[:port] with nothing after it, got '" + reportUrl + "'");
    }
    Duration retention = r.duration(METRICS_RETENTION, OperatorMetrics.DEFAULT_RETENTION);
    boolean reports = r.bool(REPORTS, true);
    r.throwIfAny();
    return new OperatorConfig(image, namespaces, policy, leaderElection, podNamespace, metrics, health, bind, ready,
        checkpoint, clock == null ? null : Path.of(clock), reports ? reportUrl : null, retention, reports);
  }

  /** No namespace listed: the operator watches the whole cluster. */
  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }

  /** {@code headroom-worker} tagged with this build's version; {@code latest} for a development build. */
  static String defaultWorkerImage() {
    String version = OperatorConfig.class.getPackage().getImplementationVersion();
    return "headroom-worker:" + (version == null ? "latest" : version);
  }

  /** One or more environment variables have values the operator cannot use. */
  public static final class Invalid extends RuntimeException {
    private final List<String> problems;

    Invalid(List<String> problems) {
      super(String.join("\n", problems), null, false, false);
      this.problems = List.copyOf(problems);
    }

    /** {@code NAME: what is wrong}, one per variable. */
    public List<String> problems() {
      return problems;
    }
  }

  /** Reads variables and collects what is wrong with them, so one start reports every mistake. */
  private static final class Reader {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    Reader(Map<String, String> env) {
      this.env = env;
    }

    void problem(String name, String message) {
      problems.add(name + ": " + message);
    }

    void throwIfAny() {
      if (!problems.isEmpty()) {
        throw new Invalid(problems);
      }
    }

    /** The trimmed value, or null when unset or blank. */
    private String value(String name) {
      String v = env.get(name);
      return v == null || v.isBlank() ? null : v.trim();
    }

    String text(String name, String fallback) {
      String v = value(name);
      return v == null ? fallback : v;
    }

    private List<String> list(String name) {
      String v = value(name);
      return v == null
          ? List.of()
          : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    Set<String> namespaces() {
      Set<String> namespaces = new LinkedHashSet<>();
      for (String ns : list(WATCH_NAMESPACES)) {
        if (NAMESPACE.matcher(ns).matches()) {
          namespaces.add(ns);
        } else {
          problem(WATCH_NAMESPACES, "'" + ns + "' is not a namespace name (lower case letters, digits and '-')");
        }
      }
      return namespaces;
    }

    List<String> hostGlobs() {
      List<String> globs = list(ALLOWED_HOSTS);
      for (String glob : globs) {
        if (!HOST_GLOB.matcher(glob).matches()) {
          problem(ALLOWED_HOSTS, "'" + glob + "' is not a host pattern (a host name where * matches any text, e.g. *.svc)");
        }
      }
      return globs;
    }

    Double positiveNumber(String name) {
      String v = value(name);
      if (v == null) {
        return null;
      }
      try {
        double d = Double.parseDouble(v);
        if (d > 0 && Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(name, "'" + v + "' is not a number > 0");
      return null;
    }

    Integer positiveInteger(String name) {
      String v = value(name);
      if (v == null) {
        return null;
      }
      try {
        int i = Integer.parseInt(v);
        if (i > 0) {
          return i;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(name, "'" + v + "' is not a whole number > 0");
      return null;
    }

    boolean bool(String name) {
      return bool(name, false);
    }

    boolean bool(String name, boolean fallback) {
      String v = value(name);
      if (v == null) {
        return fallback;
      }
      if (v.equalsIgnoreCase("false")) {
        return false;
      }
      if (v.equalsIgnoreCase("true")) {
        return true;
      }
      problem(name, "'" + v + "' must be true or false");
      return false;
    }

    int port(String name, int fallback) {
      String v = value(name);
      if (v == null) {
        return fallback;
      }
      try {
        int port = Integer.parseInt(v);
        if (port >= 1 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(name, "'" + v + "' is not a port (1-65535)");
      return fallback;
    }

    Duration duration(String name, Duration fallback) {
      String v = value(name);
      if (v == null) {
        return fallback;
      }
      try {
        Duration d = Durations.parse(v);
        if (!d.isNegative() && !d.isZero()) {
          return d;
        }
        problem(name, "must be longer than 0 (e.g. 5m)");
      } catch (IllegalArgumentException e) {
        problem(name, e.getMessage());
      }
      return fallback;
    }
  }
}
