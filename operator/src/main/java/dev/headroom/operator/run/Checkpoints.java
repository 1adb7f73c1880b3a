package dev.headroom.operator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.operator.kube.Cluster;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.session.SessionCheckpoint;
import dev.headroom.worker.WireJson;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's checkpoint in its ConfigMap: written while the run goes on, read back by an operator
 * that takes the run up, removed once the run has ended. Only what it writes successfully is
 * acknowledged to the workers, so a checkpoint that cannot be written costs memory, never data.
 */
public final class Checkpoints {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

  private final Cluster cluster;
  /** The run of each LoadTest (by uid) whose failed checkpoint was announced. */
  private final Map<String, Integer> warned = new ConcurrentHashMap<>();

  public Checkpoints(Cluster cluster) {
    this.cluster = cluster;
  }

  /**
   * The run's checkpoint, if one was written. An unreadable one is as good as none: the workers
   * still keep what it would have held unless it was acknowledged, and then the session says so.
   */
  Optional<SessionCheckpoint> load(LoadTest lt, int run) {
    String name = WorkerResources.checkpointConfigMapName(lt, run);
    return cluster.configMap(lt.getMetadata().getNamespace(), name)
        .map(cm -> cm.getData() == null ? null : cm.getData().get(WorkerResources.CHECKPOINT_KEY))
        .flatMap(json -> {
          try {
            return Optional.of(WireJson.MAPPER.readValue(json, SessionCheckpoint.class));
          } catch (JsonProcessingException e) {
            LOG.warn("ignoring unreadable checkpoint {}: {}", name, e.getOriginalMessage());
            return Optional.empty();
          }
        })
        .filter(c -> c.run() == run && c.results() != null);
  }

  /**
   * Writes {@code checkpoint}. One that fails costs no data (the workers keep what was not
   * acknowledged, and the next checkpoint tries again), but their memory grows and a restart would
   * pull it all again: a Warning Event says so, once a run.
   *
   * @return whether it is durable now (and may be acknowledged)
   */
  boolean save(LoadTest lt, int run, SessionCheckpoint checkpoint) {
    String name = WorkerResources.checkpointConfigMapName(lt, run);
    try {
      String json = WireJson.MAPPER.writeValueAsString(checkpoint);
      cluster.save(WorkerResources.checkpointConfigMap(lt, run, json));
      return true;
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.warn("cannot write checkpoint {}: {}", name, e.getMessage());
      Integer before = warned.put(lt.getMetadata().getUid(), run);
      if (before == null || before != run) {
        cluster.event(lt, true, "CheckpointFailed", "cannot write checkpoint ConfigMap " + name + ": "
            + e.getMessage() + "; the workers keep their intervals until one is written");
      }
      return false;
    }
  }

  /** Removes the checkpoint of an ended run; its final status holds the results now. */
  void delete(LoadTest lt, int run) {
    try {
      cluster.deleteConfigMap(lt.getMetadata().getNamespace(), WorkerResources.checkpointConfigMapName(lt, run));
    } catch (RuntimeException e) {
      LOG.info("cannot remove checkpoint of {} run {} (it goes with the LoadTest): {}",
          lt.getMetadata().getName(), run, e.getMessage());
    }
  }
}
