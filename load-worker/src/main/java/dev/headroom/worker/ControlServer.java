package dev.headroom.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.engine.LoadWorker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worker's control port (DESIGN.md, "Worker contract"). Every call but {@code GET /ready}
 * needs the run's bearer token, compared in constant time, so only the operator that made the run
 * can start, steer or read it.
 */
public final class ControlServer {

  public static final int DEFAULT_PORT = 8089;
  private static final ObjectMapper JSON = WireJson.MAPPER;

  private final LoadWorker worker;
  private final WorkerTransport transport;
  private final byte[] expectedAuth;
  private HttpServer server;
  private volatile Runnable onStopAfterFinished = () -> {};

  private ControlServer(LoadWorker worker, WorkerTransport transport, String token) {
    this.worker = worker;
    this.transport = transport;
    this.expectedAuth = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  /** Serves {@code worker} on {@code host:port} (port 0: any free port). */
  public static Future<ControlServer> start(Vertx vertx, LoadWorker worker, String token, String host, int port) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("a control token is required");
    }
    ControlServer control = new ControlServer(worker, WorkerTransport.of(vertx), token);
    return vertx
        .createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(control::handle)
        .listen()
        .map(s -> {
          control.server = s;
          return control;
        });
  }

  public int port() {
    return server.actualPort();
  }

  /**
   * Runs {@code hook} once a {@code POST /stop} finds the run finished and its answer has been
   * written: the operator has collected everything, so the worker pod may exit and its Job
   * complete. Runs on an event loop: a hook that exits the JVM must do so from another thread.
   */
  public ControlServer onStopAfterFinished(Runnable hook) {
    this.onStopAfterFinished = hook;
    return this;
  }

  public Future<Void> close() {
    return server.close();
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (req.method() == HttpMethod.GET && path.equals(ControlApi.READY)) {
      ready(req);
      return;
    }
    if (!authorized(req.getHeader("Authorization"))) {
      reply(req, 401, Map.of("error", "missing or wrong bearer token"));
      return;
    }
    req.body()
        .onSuccess(body -> {
          try {
            route(req, path, body);
          } catch (BadRequest e) {
            reply(req, 400, Map.of("error", e.getMessage()));
          } catch (IllegalStateException e) {
            reply(req, 409, Map.of("error", e.getMessage()));
          }
        })
        .onFailure(e -> reply(req, 400, Map.of("error", "could not read the request body")));
  }

  private void route(HttpServerRequest req, String path, Buffer body) {
    HttpMethod m = req.method();
    if (m == HttpMethod.POST && path.equals(ControlApi.START)) {
      long startAt = field(body, ControlApi.START_AT).asLong();
      try {
        worker.start(startAt);
      } catch (LoadWorker.StartedAlready e) {
        // Says when, so an operator that took over a run whose start was sent can follow it.
        reply(req, 409, Map.of("error", e.getMessage(), ControlApi.START_AT, e.startAtEpochMs()));
        return;
      }
      reply(req, 200, Map.of(ControlApi.START_AT, startAt));
    } else if (m == HttpMethod.POST && path.equals(ControlApi.RATE)) {
      JsonNode call = json(body);
      JsonNode rate = field(body, ControlApi.RATE_FIELD);
      long at = call.path(ControlApi.AT).asLong(System.currentTimeMillis());
      if (!rate.isNumber() || !(rate.asDouble() >= 0) || Double.isInfinite(rate.asDouble())) {
        throw new BadRequest("rate: must be a number >= 0");
      }
      JsonNode step = call.get(ControlApi.STEP);
      if (step != null && !step.isNull() && !(step.isIntegralNumber() && step.asInt() >= 0)) {
        throw new BadRequest("step: must be a whole number >= 0");
      }
      try {
        LoadWorker.RateStep applied = worker.setRate(rate.asDouble(), at,
            step == null || step.isNull() ? null : step.asInt());
        reply(req, 200, rateStep(applied));
      } catch (LoadWorker.StepConflict e) {
        // Says what runs instead, so the caller can tell a lost answer from a real disagreement.
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", e.getMessage());
        if (e.taken() != null) {
          answer.putAll(rateStep(e.taken()));
        }
        reply(req, 409, answer);
      }
    } else if (m == HttpMethod.GET && path.equals(ControlApi.INTERVALS)) {
      reply(req, 200, worker.intervalsAfter(
          seq(ControlApi.AFTER, req.getParam(ControlApi.AFTER)), seq(ControlApi.ACK, req.getParam(ControlApi.ACK)))
          .withTransportProblem(transport.unavailableCause()));
    } else if (m == HttpMethod.POST && path.equals(ControlApi.STOP)) {
      worker.stop();
      LoadWorker.State state = worker.state();
      reply(req, 200, Map.of("state", state.wire())).onComplete(written -> {
        if (state == LoadWorker.State.FINISHED) {
          onStopAfterFinished.run();
        }
      });
    } else {
      reply(req, 404, Map.of("error", "no such call: " + m + " " + path));
    }
  }

  private void ready(HttpServerRequest req) {
    LoadWorker.State state = worker.state();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", state.wire());
    body.put("worker", worker.index());
    body.put("workers", worker.count());
    // Which I/O transport the generator runs on: a NIO fallback costs timer precision and
    // throughput, so whoever reads /ready (a person with curl, a test, the operator) can see it.
    body.put(ControlApi.TRANSPORT, transport.name());
    if (transport.unavailableCause() != null) {
      body.put(ControlApi.TRANSPORT_PROBLEM, transport.unavailableCause());
    }
    if (worker.connectProblem() != null) {
      body.put("connectProblem", worker.connectProblem());
    }
    reply(req, state == LoadWorker.State.PREPARING ? 503 : 200, body);
  }

  private static Map<String, Object> rateStep(LoadWorker.RateStep step) {
    return Map.of(ControlApi.STEP, step.step(), ControlApi.RATE_FIELD, step.rate(), ControlApi.AT, step.atEpochMs());
  }

  private boolean authorized(String header) {
    return header != null
        && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expectedAuth);
  }

  private static long seq(String name, String param) {
    if (param == null) {
      return -1;
    }
    try {
      return Long.parseLong(param);
    } catch (NumberFormatException e) {
      throw new BadRequest(name + ": must be an interval number");
    }
  }

  private static JsonNode json(Buffer body) {
    try {
      return JSON.readTree(body.getBytes());
    } catch (Exception e) {
      throw new BadRequest("body must be JSON");
    }
  }

  private static JsonNode field(Buffer body, String name) {
    JsonNode node = json(body).get(name);
    if (node == null || node.isNull()) {
      throw new BadRequest(name + ": required");
    }
    return node;
  }

  private static Future<Void> reply(HttpServerRequest req, int status, Object body) {
    try {
      return req.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(Buffer.buffer(JSON.writeValueAsBytes(body)));
    } catch (Exception e) {
      return req.response().setStatusCode(500).end(String.valueOf(e));
    }
  }

  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }
}
