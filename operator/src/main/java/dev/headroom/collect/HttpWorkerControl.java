package dev.headroom.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.report.IntervalBatch;
import dev.headroom.worker.ControlApi;
import dev.headroom.worker.WireJson;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;

/** A worker's control port over HTTP, with the run's bearer token. */
public final class HttpWorkerControl implements WorkerControl {

  private static final ObjectMapper JSON = WireJson.MAPPER;
  private static final long CALL_TIMEOUT_MS = 5_000;

  private final HttpClient client;
  private final int index;
  private final String host;
  private final int port;
  private final String authorization;

  public HttpWorkerControl(HttpClient client, int index, String host, int port, String token) {
    this.client = client;
    this.index = index;
    this.host = host;
    this.port = port;
    this.authorization = "Bearer " + token;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public Future<Boolean> ready() {
    return call(HttpMethod.GET, ControlApi.READY, null).map(r -> r.status() == 200).otherwise(false);
  }

  @Override
  public Future<Long> start(long startAtEpochMs) {
    return call(HttpMethod.POST, ControlApi.START, Map.of(ControlApi.START_AT, startAtEpochMs)).map(r -> {
      if (r.status() == 409) {
        JsonNode startedAt = readTree(r).get(ControlApi.START_AT);
        if (startedAt != null && startedAt.isIntegralNumber()) {
          return startedAt.asLong();
        }
      }
      ok(r);
      return startAtEpochMs;
    });
  }

  @Override
  public Future<Long> rate(int step, double totalRate, long atEpochMs) {
    return call(HttpMethod.POST, ControlApi.RATE,
        Map.of(ControlApi.STEP, step, ControlApi.RATE_FIELD, totalRate, ControlApi.AT, atEpochMs)).map(r -> {
      ok(r);
      return readTree(r).path(ControlApi.AT).asLong(atEpochMs);
    });
  }

  @Override
  public Future<IntervalBatch> intervals(long after, long ack) {
    String query = "?" + ControlApi.AFTER + "=" + after + (ack >= 0 ? "&" + ControlApi.ACK + "=" + ack : "");
    return call(HttpMethod.GET, ControlApi.INTERVALS + query, null)
        .map(r -> {
          ok(r);
          try {
            return JSON.readValue(r.body().getBytes(), IntervalBatch.class);
          } catch (Exception e) {
            throw new IllegalStateException("worker " + index + " sent unreadable intervals: " + e.getMessage());
          }
        });
  }

  @Override
  public Future<Void> stop() {
    return expectOk(call(HttpMethod.POST, ControlApi.STOP, Map.of()));
  }

  private record Reply(int status, Buffer body) {}

  private Future<Reply> call(HttpMethod method, String uri, Object body) {
    RequestOptions options = new RequestOptions()
        .setMethod(method).setHost(host).setPort(port).setURI(uri)
        .setTimeout(CALL_TIMEOUT_MS)
        .putHeader("Authorization", authorization);
    return client.request(options).compose(req -> {
      Future<HttpClientResponse> sent;
      if (body == null) {
        sent = req.send();
      } else {
        try {
          req.putHeader("Content-Type", "application/json");
          sent = req.send(Buffer.buffer(JSON.writeValueAsBytes(body)));
        } catch (Exception e) {
          return Future.failedFuture(e);
        }
      }
      return sent.compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), b)));
    });
  }

  private Future<Void> expectOk(Future<Reply> reply) {
    return reply.map(r -> {
      ok(r);
      return null;
    });
  }

  private static JsonNode readTree(Reply r) {
    try {
      return JSON.readTree(r.body().getBytes());
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  private void ok(Reply r) {
    if (r.status() != 200) {
      throw new IllegalStateException("worker " + index + " answered " + r.status() + ": " + r.body());
    }
  }
}
