package dev.headroom.operator.kube;

import dev.headroom.api.v1alpha1.LoadTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * The calls the operator makes to the API server beyond its informers' caches: create-once
 * children (a run's objects, a schedule's LoadTests), reads of a run's inputs, deletes and Events.
 * Behind an interface so the run lifecycle can be tested without a cluster.
 */
public interface Cluster {

  /**
   * Creates {@code resource} unless one of its kind and name exists; never updates. A run's
   * children are its fixed inputs, and creating them again after a crash must not change them.
   *
   * @return the object as it is in the cluster: the new one, or the one that was there
   * @throws Refused when the API server refuses the object (invalid, forbidden, over a quota)
   */
  <T extends HasMetadata> T createIfAbsent(T resource);

  /**
   * Creates {@code configMap} ({@code resourceVersion} null) or replaces the one of its name at
   * that version: for a run's checkpoint, the one child that changes while the run goes on, and
   * must not be overwritten by a writer that has not seen the last write.
   *
   * @return the version written
   * @throws Conflict when one exists and {@code resourceVersion} is null, or it is at another version
   * @throws Refused when the API server refuses it (too large, forbidden, over a quota)
   */
  String save(ConfigMap configMap, String resourceVersion);

  Optional<ConfigMap> configMap(String namespace, String name);

  Optional<Secret> secret(String namespace, String name);

  /** A LoadTest read from the API server, not a cache: a regression's named baseline. */
  Optional<LoadTest> loadTest(String namespace, String name);

  /** Deletes a Job and its pods; nothing when it is absent. */
  void deleteJob(String namespace, String name);

  /** Nothing when absent. */
  void deleteConfigMap(String namespace, String name);

  /** Nothing when absent. */
  void deleteSecret(String namespace, String name);

  /** Deletes a LoadTest (a schedule's run); nothing when it is absent. */
  void deleteLoadTest(String namespace, String name);

  /** Records an Event about {@code about} (a LoadTest, a LoadTestSchedule); never fails the caller. */
  void event(HasMetadata about, boolean warning, String reason, String message);

  /** Someone else wrote the object since it was last read (HTTP 409). */
  final class Conflict extends RuntimeException {
    public Conflict(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The API server refused an object: invalid (HTTP 422), malformed (400), or forbidden (403: an
   * exceeded ResourceQuota, an admission policy, missing rights). Retrying the same request does
   * not help until someone changes the cluster, so the run says why instead of waiting.
   */
  final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }
}
