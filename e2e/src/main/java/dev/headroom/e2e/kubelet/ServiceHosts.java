package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service names for JVMs, since there is neither DNS nor kube-proxy: one hosts file per namespace,
 * {@code <state-dir>/hosts/<namespace>}, mapping {@code <svc>} (that namespace's Services only),
 * {@code <svc>.<ns>}, {@code <svc>.<ns>.svc} and {@code <svc>.<ns>.svc.cluster.local} to the IP of a ready
 * pod selected by the Service. The client connects to that pod directly, so a Service's port must
 * equal its target port in this harness.
 */
final class ServiceHosts {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceHosts.class);

  private final Path dir;
  private final String nodeName;
  private final Supplier<Collection<Service>> services;
  private final Supplier<Collection<Pod>> pods;
  private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "hosts-writer");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean pending = new AtomicBoolean();

  ServiceHosts(Path dir, String nodeName, Supplier<Collection<Service>> services, Supplier<Collection<Pod>> pods) {
    this.dir = dir;
    this.nodeName = nodeName;
    this.services = services;
    this.pods = pods;
  }

  /** The hosts file of a namespace, written now if it does not exist yet. */
  Path fileFor(String namespace) {
    Path file = dir.resolve(namespace);
    if (namespaces.add(namespace) || !Files.exists(file)) {
      write(namespace);
    }
    return file;
  }

  /** Services or pods changed: rewrite the files soon (bursts of changes give one rewrite). */
  void changed() {
    if (pending.compareAndSet(false, true)) {
      writer.execute(() -> {
        pending.set(false);
        namespaces.forEach(this::write);
      });
    }
  }

  private synchronized void write(String namespace) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(namespace);
      String content = render(namespace, nodeName, services.get(), pods.get());
      if (Files.exists(file) && Files.readString(file).equals(content)) {
        return;
      }
      Path tmp = dir.resolve("." + namespace + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("cannot write hosts file for namespace {}: {}", namespace, e.getMessage());
      throw new UncheckedIOException(e);
    }
  }

  /** The hosts file content as processes in {@code namespace} see it. */
  static String render(String namespace, String nodeName, Collection<Service> services, Collection<Pod> pods) {
    StringBuilder out = new StringBuilder();
    out.append("127.0.0.1 localhost ").append(nodeName).append('\n');
    out.append("::1 localhost ip6-localhost\n");
    out.append("127.0.0.1 kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local");
    out.append("default".equals(namespace) ? " kubernetes\n" : "\n");
    services.stream()
        .sorted(Comparator.comparing((Service s) -> s.getMetadata().getNamespace()).thenComparing(s -> s.getMetadata().getName()))
        .forEach(service -> readyEndpoint(service, pods).ifPresent(ip -> {
          String name = service.getMetadata().getName();
          String ns = service.getMetadata().getNamespace();
          out.append(ip).append(' ').append(name).append('.').append(ns)
              .append(' ').append(name).append('.').append(ns).append(".svc")
              .append(' ').append(name).append('.').append(ns).append(".svc.cluster.local");
          if (ns.equals(namespace)) {
            out.append(' ').append(name);
          }
          out.append('\n');
        }));
    return out.toString();
  }

  /** The IP of the first (by name) ready, non-terminating pod the Service selects. */
  static Optional<String> readyEndpoint(Service service, Collection<Pod> pods) {
    Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return Optional.empty();
    }
    String namespace = service.getMetadata().getNamespace();
    return pods.stream()
        .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getMetadata().getLabels() != null && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
        .filter(ServiceHosts::isReady)
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .map(p -> p.getStatus().getPodIP())
        .findFirst();
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getPodIP() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
