package dev.headroom.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * Gives tier-3 tests one real control plane per test run ({@code e2e/cluster up}, shared by every
 * class through the root store and torn down with {@code e2e/cluster down} when the run ends), and
 * injects a {@link KubernetesClient} or the {@link Cluster} into test methods and constructors.
 *
 * <p>If {@code KUBECONFIG} points at a reachable {@code e2e/cluster} cluster, that cluster is used and
 * left running. If the cluster cannot be had (no Go toolchain, no openssl, a port in use...), the
 * tests are aborted, which reports them as skipped, with one line saying why; with {@code CI=true}
 * they fail instead, so CI never passes without having run them.
 *
 * <p>A test method may also take a {@link TestNamespace}: a fresh namespace, deleted after the test.
 *
 * <p>{@code e2e/cluster} reads its ports, node count and jars from the environment (see
 * {@code e2e/README.md}); the kubelet jar defaults to this repository's {@code e2e/target/process-kubelet.jar}.
 * {@code HEADROOM_CLUSTER_SCRIPT} names another cluster script (default {@code <repo>/e2e/cluster}) and
 * {@code HEADROOM_CLUSTER_UP_TIMEOUT} bounds {@code up} in seconds (default 3600: a cold build of the
 * binaries is slow). The script's stderr goes to {@code e2e/target/cluster-up.log} and {@code cluster-down.log}.
 */
public final class ClusterExtension implements BeforeAllCallback, TestInstancePreConstructCallback, BeforeEachCallback,
    ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterExtension.class);
  private static final Pattern EXPORT = Pattern.compile("^export (KUBECONFIG|PATH)=(.*)$", Pattern.MULTILINE);
  private static final Duration UP_TIMEOUT = Duration.ofSeconds(
      Long.parseLong(System.getenv().getOrDefault("HEADROOM_CLUSTER_UP_TIMEOUT", "3600")));
  private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(2);

  /** Why there is no cluster; stored once so every class reports the same reason without retrying. */
  private record Unavailable(String reason) {
  }

  /** Starts the cluster once, but never aborts here: a class-level abort would hide its tests from the counts. */
  @Override
  public void beforeAll(ExtensionContext context) {
    stored(context);
  }

  /**
   * Aborts each test when there is no cluster, so every test is counted as skipped: before the test
   * instance is made (an abort while resolving constructor parameters would count as an error), and
   * before each test for classes with a per-class instance.
   */
  @Override
  public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    cluster(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    cluster(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class || type == Cluster.class
        || (type == TestNamespace.class && parameter.getDeclaringExecutable() instanceof java.lang.reflect.Method);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Cluster cluster = cluster(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == TestNamespace.class) {
      String prefix = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
      TestNamespace namespace = cluster.createNamespace(prefix);
      AutoCloseable deletion = () -> cluster.client().namespaces().withName(namespace.name()).delete();
      context.getStore(NAMESPACE).put(namespace, deletion);
      return namespace;
    }
    return type == Cluster.class ? cluster : cluster.client();
  }

  private static Object stored(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("cluster", key -> obtain(), Object.class);
  }

  private static Cluster cluster(ExtensionContext context) {
    Object value = stored(context);
    if (value instanceof Unavailable unavailable) {
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException("tier-3 cluster unavailable on CI: " + unavailable.reason());
      }
      Assumptions.abort("tier-3 cluster unavailable: " + unavailable.reason());
    }
    return (Cluster) value;
  }

  private static Object obtain() {
    Object value;
    try {
      value = reuse().orElseGet(ClusterExtension::start);
    } catch (RuntimeException e) {
      value = new Unavailable(e.toString());
    }
    if (value instanceof Unavailable unavailable && !"true".equals(System.getenv("CI"))) {
      System.err.println("Tier-3 tests skipped: " + unavailable.reason());
    }
    return value;
  }

  /** The cluster {@code KUBECONFIG} points at, if it was made by {@code e2e/cluster} and answers. */
  private static Optional<Object> reuse() {
    String kubeconfig = System.getenv("KUBECONFIG");
    if (kubeconfig == null || kubeconfig.isBlank()) {
      return Optional.empty();
    }
    Path file = Path.of(kubeconfig).toAbsolutePath();
    Path binDirFile = file.getParent().resolve("run").resolve("bindir");
    if (!Files.isRegularFile(file) || !Files.isRegularFile(binDirFile)) {
      return Optional.empty();
    }
    Config config = Config.fromKubeconfig(null, file.toFile());
    config.setRequestTimeout(5_000);
    config.setConnectionTimeout(5_000);
    try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(config).build()) {
      probe.getKubernetesVersion();
      Path binDir = Path.of(Files.readString(binDirFile, StandardCharsets.UTF_8).trim());
      return Optional.of(new Cluster(file, binDir, () -> { }));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Runs {@code e2e/cluster up}; the cluster is torn down when the root context closes. */
  private static Object start() {
    Path repo = repositoryRoot();
    if (repo == null) {
      return new Unavailable("no repository (a directory with pom.xml and e2e/) above " + Path.of("").toAbsolutePath());
    }
    String override = System.getenv("HEADROOM_CLUSTER_SCRIPT");
    Path script = override == null || override.isBlank() ? repo.resolve("e2e").resolve("cluster") : Path.of(override);
    if (!Files.isExecutable(script)) {
      return new Unavailable("no executable cluster script at " + script);
    }
    Map<String, String> env = new HashMap<>();
    // Tier 3 is the process kubelet's, whatever the shell says (RealNodeE2E runs the real node).
    env.put("HEADROOM_NODE", "process");
    env.put("HEADROOM_KUBELET_JAR", System.getenv().getOrDefault("HEADROOM_KUBELET_JAR",
        repo.resolve("e2e/target/process-kubelet.jar").toString()));
    // If this JVM dies without closing the store, the script's watchdog still takes the cluster down.
    env.put("HEADROOM_OWNER_PID", String.valueOf(ProcessHandle.current().pid()));
    Path log = repo.resolve("e2e/target/cluster-up.log");
    Cluster.Result up;
    try {
      Files.createDirectories(log.getParent());
      up = Cluster.run(List.of(script.toString(), "up"), env, UP_TIMEOUT, log);
    } catch (IOException e) {
      return new Unavailable("cannot run " + script + ": " + e.getMessage());
    }
    if (up.exitCode() != 0) {
      return new Unavailable("e2e/cluster up failed (exit " + up.exitCode() + "): " + lastLine(log) + " [log: " + log + "]");
    }
    Map<String, String> exports = new HashMap<>();
    Matcher m = EXPORT.matcher(up.output());
    while (m.find()) {
      exports.put(m.group(1), unquote(m.group(2)));
    }
    String kubeconfig = exports.get("KUBECONFIG");
    String path = exports.get("PATH");
    if (kubeconfig == null || path == null) {
      return new Unavailable("e2e/cluster up printed no KUBECONFIG/PATH exports: " + up.output().trim());
    }
    Path binDir = Path.of(path.split(":")[0]);
    Runnable down = () -> {
      Cluster.Result result = Cluster.run(List.of(script.toString(), "down"), env, DOWN_TIMEOUT,
          repo.resolve("e2e/target/cluster-down.log"));
      if (result.exitCode() != 0) {
        System.err.println("e2e/cluster down failed (exit " + result.exitCode() + "), see e2e/target/cluster-down.log");
      }
    };
    return new Cluster(Path.of(kubeconfig), binDir, down);
  }

  /** The nearest directory above the working directory with a {@code pom.xml} and an {@code e2e/} directory. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("e2e"))) {
        return dir;
      }
    }
    return null;
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).trim();
        }
      }
    } catch (IOException e) {
      return "(no log)";
    }
    return "(empty log)";
  }

  /** Undoes bash's {@code printf %q} for the simple paths the script prints. */
  private static String unquote(String value) {
    String v = value.endsWith(":\"$PATH\"") ? value.substring(0, value.length() - ":\"$PATH\"".length()) : value;
    if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v.replace("\\", "");
  }
}
