package dev.headroom.e2e;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A running tier-3 cluster ({@code e2e/cluster}): its kubeconfig, the directory of its binaries
 * ({@code kubectl}, {@code helm}) and an admin client. Closing it runs {@code e2e/cluster down} if
 * this test run started it, and leaves it alone if it was already up.
 */
public final class Cluster implements AutoCloseable {

  private final Path kubeconfig;
  private final Path binDir;
  private final KubernetesClient client;
  private final Runnable teardown;

  Cluster(Path kubeconfig, Path binDir, Runnable teardown) {
    this.kubeconfig = kubeconfig;
    this.binDir = binDir;
    this.teardown = teardown;
    Config config = Config.fromKubeconfig(null, kubeconfig.toFile());
    this.client = new KubernetesClientBuilder().withConfig(config).build();
  }

  /** An admin client ({@code system:masters}). */
  public KubernetesClient client() {
    return client;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public Path binDir() {
    return binDir;
  }

  /** The cluster's directory: {@code pki/}, {@code logs/}, and {@code kubelet/}, the state dir of node 1. */
  public Path dir() {
    return kubeconfig.getParent();
  }

  /** Creates a namespace named {@code prefix-<random>} and waits until pods can be created in it. */
  public TestNamespace createNamespace(String prefix) {
    String name = prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    // The ServiceAccount admission refuses pods until the controller has made "default".
    client.serviceAccounts().inNamespace(name).withName("default")
        .waitUntilCondition(Objects::nonNull, 60, TimeUnit.SECONDS);
    return new TestNamespace(name);
  }

  /** The output of a process that ran to its end. */
  public record Result(int exitCode, String output) {
  }

  /** Runs {@code kubectl} against this cluster; stdout and stderr together. */
  public Result kubectl(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binDir.resolve("kubectl").toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(List.of(args));
    return run(command, Map.of(), Duration.ofSeconds(60));
  }

  /** Runs a command to its end (killed after {@code timeout}), output merged. */
  static Result run(List<String> command, Map<String, String> env, Duration timeout) {
    return run(command, env, timeout, null);
  }

  /** Runs a command to its end (killed after {@code timeout}); stderr goes to {@code stderrLog} if given, else into the output. */
  static Result run(List<String> command, Map<String, String> env, Duration timeout, Path stderrLog) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      if (stderrLog == null) {
        builder.redirectErrorStream(true);
      } else {
        builder.redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
      }
      builder.environment().putAll(env);
      Process process = builder.start();
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Result(-1, command.get(0) + " did not finish within " + timeout.toSeconds() + "s");
      }
      return new Result(process.exitValue(), output.join());
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    client.close();
    teardown.run();
  }
}
