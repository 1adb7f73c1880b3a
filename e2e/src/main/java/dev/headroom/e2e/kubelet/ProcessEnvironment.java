package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a process's environment the harness adds around what the pod asks for.
 *
 * <p>Before the pod's variables (which may override them): a few of the kubelet's own variables
 * ({@code PATH}, locale, {@code JAVA_HOME} and the cluster mark that {@code e2e/cluster down} sweeps for),
 * {@code HOME} (a per-pod directory, so no user kubeconfig leaks in), {@code HOSTNAME} = pod name, and
 * {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} = the API server's real loopback address (there is no kube-proxy).
 *
 * <p>After them: {@code HEADROOM_POD_IP} (the address the process must listen on), the mount variables of
 * {@link MountEnvironment}, and {@code JAVA_TOOL_OPTIONS} (appended to the pod's own) pointing every JVM the
 * pod starts at the namespace's hosts file, so Service names resolve without DNS, and giving it the
 * container's memory and CPU limits as {@code -XX:MaxRAM} and {@code -XX:ActiveProcessorCount}.
 */
final class ProcessEnvironment {

  static final String POD_IP_VARIABLE = "HEADROOM_POD_IP";
  private static final List<String> INHERITED = List.of("PATH", "LANG", "LC_ALL", "TZ", "JAVA_HOME", "HEADROOM_E2E_CLUSTER");

  private final Map<String, String> inherited = new LinkedHashMap<>();
  private final URI apiServer;

  ProcessEnvironment(Map<String, String> kubeletEnv, URI apiServer) {
    for (String name : INHERITED) {
      String value = kubeletEnv.get(name);
      if (value != null) {
        inherited.put(name, value);
      }
    }
    inherited.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
    this.apiServer = apiServer;
  }

  Map<String, String> base(Pod pod, Path home) {
    Map<String, String> env = new LinkedHashMap<>(inherited);
    env.put("HOME", home.toString());
    env.put("HOSTNAME", pod.getMetadata().getName());
    env.put("KUBERNETES_SERVICE_HOST", apiServer.getHost());
    env.put("KUBERNETES_SERVICE_PORT", String.valueOf(port(apiServer)));
    env.put("KUBERNETES_SERVICE_PORT_HTTPS", String.valueOf(port(apiServer)));
    return env;
  }

  Map<String, String> finish(Container container, Map<String, String> podEnv, String podIp,
                             Map<String, String> mountVariables, Path hostsFile) {
    Map<String, String> env = new LinkedHashMap<>(podEnv);
    env.put(POD_IP_VARIABLE, podIp);
    env.putAll(mountVariables);
    String javaOptions = "-Djdk.net.hosts.file=" + hostsFile
        + " -Dvertx.disableDnsResolver=true -Dsun.net.inetaddr.ttl=1 -Dsun.net.inetaddr.negative.ttl=0"
        + containerErgonomics(container);
    String own = podEnv.get("JAVA_TOOL_OPTIONS");
    env.put("JAVA_TOOL_OPTIONS", own == null || own.isBlank() ? javaOptions : own + " " + javaOptions);
    return env;
  }

  /**
   * A JVM in a container sizes its heap and thread pools from the cgroup limits; a process sees the
   * whole machine, so pass the container's limits explicitly.
   */
  static String containerErgonomics(Container container) {
    Map<String, Quantity> limits = container.getResources() == null ? null : container.getResources().getLimits();
    if (limits == null) {
      return "";
    }
    StringBuilder options = new StringBuilder();
    Quantity memory = limits.get("memory");
    if (memory != null) {
      options.append(" -XX:MaxRAM=").append(memory.getNumericalAmount().setScale(0, RoundingMode.CEILING).toPlainString());
    }
    Quantity cpu = limits.get("cpu");
    if (cpu != null) {
      int cores = Math.max(1, cpu.getNumericalAmount().setScale(0, RoundingMode.CEILING).intValue());
      options.append(" -XX:ActiveProcessorCount=").append(cores);
    }
    return options.toString();
  }

  private static int port(URI uri) {
    return uri.getPort() > 0 ? uri.getPort() : 443;
  }
}
