package dev.headroom.local;

import dev.headroom.collect.HttpWorkerControl;
import dev.headroom.collect.WorkerControl;
import dev.headroom.engine.LoadWorker;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.worker.ControlServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Workers in this process, each behind its own control port on loopback with a fresh token, so a
 * local run is driven over exactly the protocol the operator uses with pods.
 */
public final class LocalWorkers {

  private final List<LoadWorker> workers;
  private final List<ControlServer> servers;
  private final List<WorkerControl> controls;
  private final HttpClient client;

  private LocalWorkers(List<LoadWorker> workers, List<ControlServer> servers, List<WorkerControl> controls, HttpClient client) {
    this.workers = workers;
    this.servers = servers;
    this.controls = controls;
    this.client = client;
  }

  public static Future<LocalWorkers> start(Vertx vertx, ExecutionPlan plan, int count) {
    String token = newToken();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    List<Future<LoadWorker>> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      created.add(LoadWorker.create(vertx, plan, i, count, LoadWorker.Options.defaults()));
    }
    return Future.all(created).compose(all -> {
      List<LoadWorker> workers = created.stream().map(Future::result).toList();
      List<Future<ControlServer>> served = workers.stream()
          .map(w -> ControlServer.start(vertx, w, token, "127.0.0.1", 0)).toList();
      return Future.all(served).map(done -> {
        List<ControlServer> servers = served.stream().map(Future::result).toList();
        List<WorkerControl> controls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          controls.add(new HttpWorkerControl(client, i, "127.0.0.1", servers.get(i).port(), token));
        }
        return new LocalWorkers(workers, servers, List.copyOf(controls), client);
      });
    });
  }

  public List<WorkerControl> controls() {
    return controls;
  }

  /** Finished intervals the workers hold, waiting for an acknowledgement. */
  int intervalsKept() {
    return workers.stream().mapToInt(LoadWorker::intervalsKept).sum();
  }

  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    servers.forEach(s -> closing.add(s.close()));
    workers.forEach(w -> closing.add(w.close()));
    closing.add(client.close());
    return Future.join(closing).mapEmpty();
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
