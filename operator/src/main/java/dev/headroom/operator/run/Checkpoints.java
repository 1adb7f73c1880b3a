package dev.headroom.operator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.operator.kube.Cluster;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.session.SessionCheckpoint;
import dev.headroom.worker.WireJson;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's checkpoint in its ConfigMap: written while the run goes on, read back by an operator
 * that takes the run up, removed once the run has ended. Only what it writes successfully is
 * acknowledged to the workers, so a checkpoint that cannot be written costs memory, never data.
 *
 * <p>Writes are locked to the version last read or written: an operator that lost the run to
 * another (a leader change it has not noticed yet) must not put its older checkpoint over the
 * newer one whose intervals the workers have already dropped.
 */
public final class Checkpoints {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

  private final Cluster cluster;
  /** Per LoadTest (by uid): the run and the checkpoint version this operator last read or wrote. */
  private final Map<String, Version> versions = new ConcurrentHashMap<>();
  /** The run of each LoadTest (by uid) whose failed checkpoint was announced. */
  private final Map<String, Integer> warned = new ConcurrentHashMap<>();

  private record Version(int run, String resourceVersion) {}

  /** A checkpoint as stored: null when the ConfigMap holds none readable. */
  private record Stored(SessionCheckpoint checkpoint, String resourceVersion) {}

  public Checkpoints(Cluster cluster) {
    this.cluster = cluster;
  }

  /**
   * The run's checkpoint, if one was written. An unreadable one is as good as none: the workers
   * still keep what it would have held unless it was acknowledged, and then the session says so.
   */
  Optional<SessionCheckpoint> load(LoadTest lt, int run) {
    Optional<Stored> stored = read(lt, run);
    versions.put(lt.getMetadata().getUid(), new Version(run, stored.map(Stored::resourceVersion).orElse(null)));
    return stored.map(Stored::checkpoint).filter(c -> c != null && c.run() == run && c.results() != null);
  }

  /**
   * Writes {@code checkpoint}. One that fails costs no data (the workers keep what was not
   * acknowledged, and the next checkpoint tries again), but their memory grows and a restart would
   * pull it all again: a Warning Event says so, once a run.
   *
   * @return whether it is durable now (and may be acknowledged)
   */
  boolean save(LoadTest lt, int run, SessionCheckpoint checkpoint) {
    String uid = lt.getMetadata().getUid();
    String name = WorkerResources.checkpointConfigMapName(lt, run);
    try {
      ConfigMap cm = WorkerResources.checkpointConfigMap(lt, run, WireJson.MAPPER.writeValueAsString(checkpoint));
      Version known = versions.get(uid);
      String expected = known != null && known.run() == run ? known.resourceVersion() : null;
      String written;
      try {
        written = cluster.save(cm, expected);
      } catch (Cluster.Conflict conflict) {
        // Written by someone else since: ours may still be the newer one (our own last write,
        // whose answer was lost), which only the marks tell.
        Stored stored = read(lt, run).orElse(null);
        if (stored != null && stored.checkpoint() != null && isAhead(stored.checkpoint(), checkpoint)) {
          throw new IllegalStateException("another operator wrote a newer checkpoint of this run");
        }
        written = cluster.save(cm, stored == null ? null : stored.resourceVersion());
      }
      versions.put(uid, new Version(run, written));
      return true;
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.warn("cannot write checkpoint {}: {}", name, e.getMessage());
      Integer before = warned.put(uid, run);
      if (before == null || before != run) {
        cluster.event(lt, true, "CheckpointFailed", "cannot write checkpoint ConfigMap " + name + ": "
            + e.getMessage() + "; the workers keep their intervals until one is written");
      }
      return false;
    }
  }

  /** Removes the checkpoint of an ended run; its final status holds the results now. */
  void delete(LoadTest lt, int run) {
    versions.remove(lt.getMetadata().getUid());
    warned.remove(lt.getMetadata().getUid());
    try {
      cluster.deleteConfigMap(lt.getMetadata().getNamespace(), WorkerResources.checkpointConfigMapName(lt, run));
    } catch (RuntimeException e) {
      LOG.info("cannot remove checkpoint of {} run {} (it goes with the LoadTest): {}",
          lt.getMetadata().getName(), run, e.getMessage());
    }
  }

  /** Whether {@code stored} has recorded more of some worker than {@code ours}. */
  private static boolean isAhead(SessionCheckpoint stored, SessionCheckpoint ours) {
    Map<Integer, Long> mine = ours.results().lastSeq();
    return stored.results() != null && stored.results().lastSeq().entrySet().stream()
        .anyMatch(e -> e.getValue() > mine.getOrDefault(e.getKey(), -1L));
  }

  private Optional<Stored> read(LoadTest lt, int run) {
    String name = WorkerResources.checkpointConfigMapName(lt, run);
    return cluster.configMap(lt.getMetadata().getNamespace(), name).map(cm -> {
      String json = cm.getData() == null ? null : cm.getData().get(WorkerResources.CHECKPOINT_KEY);
      SessionCheckpoint checkpoint = null;
      try {
        checkpoint = json == null ? null : WireJson.MAPPER.readValue(json, SessionCheckpoint.class);
      } catch (JsonProcessingException e) {
        LOG.warn("ignoring unreadable checkpoint {}: {}", name, e.getOriginalMessage());
      }
      return new Stored(checkpoint, cm.getMetadata().getResourceVersion());
    });
  }
}
