package dev.headroom.operator.run;

import dev.headroom.collect.HttpWorkerControl;
import dev.headroom.collect.WorkerControl;
import io.vertx.core.http.HttpClient;

/** How the operator reaches a worker's control port with the run's token. */
@FunctionalInterface
public interface WorkerLinks {

  WorkerControl link(WorkerEndpoint endpoint, String token);

  /** Over HTTP, the only way in production. */
  static WorkerLinks http(HttpClient client) {
    return (e, token) -> new HttpWorkerControl(client, e.index(), e.host(), e.port(), token);
  }
}
