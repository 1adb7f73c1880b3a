package dev.headroom.worker.http;

import dev.headroom.plan.Endpoint;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.HttpVersion;
import dev.headroom.plan.LoadModel;
import dev.headroom.plan.RequestTemplate;
import dev.headroom.plan.WeightedMix;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An event-loop context standing in for an engine lane: every transport call goes through it. */
final class Lane {

  static final long AWAIT_SECONDS = 5;

  final Vertx vertx;
  final Context context;
  final Thread thread;

  Lane(Vertx vertx) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.thread = call(Thread::currentThread);
  }

  <T> T call(Callable<T> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(action.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return await(result);
  }

  void run(Runnable action) {
    call(() -> {
      action.run();
      return null;
    });
  }

  Transport transport(ExecutionPlan plan) {
    return call(() -> Transports.forPlan(vertx, plan));
  }

  /** Waits for a Vert.x future started on this lane. */
  <T> T await(Callable<Future<T>> start) {
    CompletableFuture<T> result = new CompletableFuture<>();
    run(() -> {
      try {
        start.call().onComplete((value, failure) -> {
          if (failure != null) {
            result.completeExceptionally(failure);
          } else {
            result.complete(value);
          }
        });
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return await(result);
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(AWAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A request of a plan; {@code index} is its place in the plan. */
  static RequestTemplate request(int index, String method, String path, List<Map.Entry<String, String>> headers, String body) {
    return new RequestTemplate(index, "r" + index, method, path, headers, body.getBytes(StandardCharsets.UTF_8), new int[0]);
  }

  static ExecutionPlan plan(String url, boolean insecure, HttpVersion version, RequestTemplate... requests) {
    int[] weights = new int[requests.length];
    java.util.Arrays.fill(weights, 1);
    return new ExecutionPlan(
        Endpoint.of(url, insecure), version, 4, Duration.ofSeconds(5).toNanos(), List.of(requests),
        WeightedMix.of(weights), LoadModel.Open, 0, List.of());
  }
}
