package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A kubelet that runs each pod's containers as local processes on their own loopback address
 * (tier 3 of the test tiers: a real control plane without containers). See {@code e2e/README.md}.
 */
@Command(name = "process-kubelet", mixinStandardHelpOptions = true,
    description = "Runs the pods bound to one node as local processes, each on its own loopback IP.")
public final class ProcessKubelet implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessKubelet.class);
  private static final String HOST_IP = "127.0.0.1";
  private static final long SHUTDOWN_GRACE_MILLIS = 5_000;

  @Option(names = "--kubeconfig", required = true, description = "kubeconfig with the rights of a node (admin in the harness)")
  private Path kubeconfig;

  @Option(names = "--node-name", required = true, description = "name of the Node to register")
  private String nodeName;

  @Option(names = "--state-dir", required = true, description = "where pod volumes, logs, pid files and hosts files go")
  private Path stateDir;

  @Option(names = "--port", defaultValue = "10250", description = "HTTPS port of the kubelet API on 127.0.0.1 (default ${DEFAULT-VALUE})")
  private int port;

  @Option(names = "--pod-cidr", required = true, description = "loopback range for pod IPs, e.g. 127.0.1.0/24")
  private String podCidr;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ProcessKubelet()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PodIpPool ips;
    try {
      ips = PodIpPool.of(podCidr);
    } catch (IllegalArgumentException e) {
      System.err.println("process-kubelet: " + e.getMessage());
      return 2;
    }
    if (!Files.isReadable(kubeconfig)) {
      System.err.println("process-kubelet: --kubeconfig " + kubeconfig + " is not a readable file");
      return 2;
    }
    Files.createDirectories(stateDir.resolve("pods"));
    Path workerJar = jar("HEADROOM_WORKER_JAR");
    Path operatorJar = jar("HEADROOM_OPERATOR_JAR");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    Config config = Config.fromKubeconfig(null, kubeconfig.toFile());
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, r -> {
      Thread t = new Thread(r, "kubelet-scheduler");
      t.setDaemon(true);
      return t;
    });

    NodeRegistration registration = new NodeRegistration(client, nodeName, podCidr, port);
    ApiClusterObjects objects = new ApiClusterObjects(client);
    SharedIndexInformer<Pod> podInformer = client.pods().inAnyNamespace().runnableInformer(0);
    SharedIndexInformer<Service> serviceInformer = client.services().inAnyNamespace().runnableInformer(0);
    ServiceHosts hosts = new ServiceHosts(stateDir.resolve("hosts"), nodeName,
        () -> serviceInformer.getStore().list(), () -> podInformer.getStore().list());
    PodManager pods = new PodManager(new PodManager.Parts(client, nodeName, HOST_IP, stateDir, ips,
        ImageCatalog.headroom(java, workerJar, operatorJar),
        new EnvironmentBuilder(objects, registration.allocatable()),
        new ProcessEnvironment(System.getenv(), URI.create(config.getMasterUrl())),
        new VolumeWriter(objects, registration.allocatable()),
        new ProbeCheck(), scheduler, new EventRecorder(client, nodeName), hosts));

    KubeletServer server = KubeletServer.start(port, stateDir, nodeName, pods);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down: stopping all pod processes");
      pods.shutdown(SHUTDOWN_GRACE_MILLIS);
      server.stop();
      stopped.countDown();
    }, "kubelet-shutdown"));

    registration.register();
    registration.keepReady(scheduler);
    serviceInformer.addEventHandler(onAnyChange(hosts::changed));
    serviceInformer.start();
    podInformer.addEventHandler(pods);
    podInformer.start();
    LOG.info("process kubelet {} ready: pods get IPs from {}, state in {}", nodeName, podCidr, stateDir);
    stopped.await();
    return 0;
  }

  private static Path jar(String variable) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      LOG.warn("{} is not set: pods with that image and no command will fail to start", variable);
      return Path.of("/nonexistent/" + variable.toLowerCase() + ".jar");
    }
    return new File(value).toPath().toAbsolutePath();
  }

  private static <T> ResourceEventHandler<T> onAnyChange(Runnable action) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        action.run();
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        action.run();
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        action.run();
      }
    };
  }
}
