package dev.headroom.operator;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.operator.kube.Cluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The API server as the operator's {@link Cluster} sees it: objects by kind and name, and Events. */
public final class FakeCluster implements Cluster {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Map<String, HasMetadata> objects = new ConcurrentHashMap<>();
  /** "Normal Starting: run 1: ..." in the order recorded. */
  public final List<String> events = new CopyOnWriteArrayList<>();
  /** "Job ns/name" in the order deleted. */
  public final List<String> deletions = new CopyOnWriteArrayList<>();
  /** When set, every create fails with it: the API server is unreachable or forbids. */
  public volatile RuntimeException failCreates;
  /** When set, every create is refused with it as invalid. */
  public volatile String refuseCreates;

  @Override
  public <T extends HasMetadata> T createIfAbsent(T resource) {
    if (failCreates != null) {
      throw failCreates;
    }
    if (refuseCreates != null) {
      throw new Refused(refuseCreates);
    }
    T stored = SERIALIZATION.clone(resource);
    stored.getMetadata().setUid(UUID.randomUUID().toString());
    stored.getMetadata().setCreationTimestamp("2030-01-01T00:00:00Z");
    @SuppressWarnings("unchecked")
    T existing = (T) objects.putIfAbsent(key(resource.getKind(), resource.getMetadata().getNamespace(),
        resource.getMetadata().getName()), stored);
    return SERIALIZATION.clone(existing != null ? existing : stored);
  }

  /** Puts an object as someone else left it (a deleted LoadTest's leftovers, say). */
  public void put(HasMetadata object) {
    objects.put(key(object.getKind(), object.getMetadata().getNamespace(), object.getMetadata().getName()), object);
  }

  /** ConfigMaps saved (created or replaced), in order: "name" each time. */
  public final List<String> saves = new CopyOnWriteArrayList<>();

  /** When set, every save fails with it (a ConfigMap over a quota, say), creates still work. */
  public volatile RuntimeException failSaves;

  @Override
  public synchronized String save(ConfigMap configMap, String resourceVersion) {
    if (failCreates != null) {
      throw failCreates;
    }
    if (failSaves != null) {
      throw failSaves;
    }
    String ns = configMap.getMetadata().getNamespace();
    String name = configMap.getMetadata().getName();
    String current = configMap(ns, name).map(cm -> cm.getMetadata().getResourceVersion()).orElse(null);
    if (!java.util.Objects.equals(current, resourceVersion)) {
      throw new Conflict("ConfigMap " + name + " is at version " + current + ", not " + resourceVersion);
    }
    ConfigMap stored = SERIALIZATION.clone(configMap);
    stored.getMetadata().setUid(UUID.randomUUID().toString());
    stored.getMetadata().setResourceVersion(Long.toString(versions.incrementAndGet()));
    put(stored);
    saves.add(name);
    return stored.getMetadata().getResourceVersion();
  }

  private final java.util.concurrent.atomic.AtomicLong versions = new java.util.concurrent.atomic.AtomicLong();

  @Override
  public Optional<ConfigMap> configMap(String namespace, String name) {
    return get(ConfigMap.class, "ConfigMap", namespace, name);
  }

  @Override
  public Optional<Secret> secret(String namespace, String name) {
    return get(Secret.class, "Secret", namespace, name);
  }

  @Override
  public Optional<LoadTest> loadTest(String namespace, String name) {
    return get(LoadTest.class, "LoadTest", namespace, name);
  }

  @Override
  public void deleteJob(String namespace, String name) {
    delete("Job", namespace, name);
  }

  @Override
  public void deleteConfigMap(String namespace, String name) {
    delete("ConfigMap", namespace, name);
  }

  @Override
  public void deleteSecret(String namespace, String name) {
    delete("Secret", namespace, name);
  }

  @Override
  public void deleteLoadTest(String namespace, String name) {
    delete("LoadTest", namespace, name);
  }

  @Override
  public void event(HasMetadata about, boolean warning, String reason, String message) {
    events.add((warning ? "Warning " : "Normal ") + reason + ": " + message);
  }

  public List<Job> jobs() {
    return objects.values().stream().filter(Job.class::isInstance).map(Job.class::cast).toList();
  }

  /** Every object's "Kind name", sorted. */
  public List<String> names() {
    return objects.values().stream().map(o -> o.getKind() + " " + o.getMetadata().getName()).sorted().toList();
  }

  public <T extends HasMetadata> Optional<T> get(Class<T> type, String kind, String namespace, String name) {
    return Optional.ofNullable(objects.get(key(kind, namespace, name))).map(type::cast).map(SERIALIZATION::clone);
  }

  private void delete(String kind, String namespace, String name) {
    if (objects.remove(key(kind, namespace, name)) != null) {
      deletions.add(kind + " " + namespace + "/" + name);
    }
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + namespace + "/" + name;
  }
}
