package dev.headroom.worker;

import dev.headroom.engine.GeneratorVertx;
import dev.headroom.engine.LoadWorker;
import dev.headroom.plan.DataSource;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.Plan;
import dev.headroom.plan.PlanValidator;
import dev.headroom.plan.Problem;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The worker pod's entry point. Everything comes from the pod: the plan from a mounted ConfigMap,
 * the control token and secret header values from mounted Secrets, the worker's index from the
 * Indexed Job. Exit code 2 means the plan or the pod's setup is wrong; the message says which.
 */
public final class WorkerMain {

  private WorkerMain() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    WorkerSettings settings;
    ExecutionPlan plan;
    try {
      settings = WorkerSettings.from(env);
      plan = loadPlan(settings);
    } catch (SetupException e) {
      System.err.println("headroom worker: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = GeneratorVertx.create(settings.lanes());
    // One line naming the transport, so a NIO fallback (no native epoll for this architecture or
    // libc) is seen in the pod's log, not only as worse timer precision.
    System.err.println("headroom worker: " + WorkerTransport.of(vertx).logLine());
    // The heap the JVM chose (it sizes from the container's memory limit), to compare with that limit.
    System.err.printf("headroom worker: jvm: max heap %d MiB, %d cpu(s)%n",
        Runtime.getRuntime().maxMemory() / (1024 * 1024), Runtime.getRuntime().availableProcessors());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    LoadWorker.create(vertx, plan, settings.index(), settings.count(),
            new LoadWorker.Options(settings.lanes(), LoadWorker.Options.DEFAULT_QUEUE))
        .compose(worker -> ControlServer.start(vertx, worker, settings.token(), settings.bindHost(), settings.port()))
        .map(server -> server.onStopAfterFinished(WorkerMain::exitAfterStop))
        .onSuccess(server -> System.err.printf(
            "headroom worker %d/%d: control port %d, %d lane(s), target %s%n",
            settings.index(), settings.count(), server.port(), settings.lanes(), plan.endpoint().hostHeader()))
        .onFailure(e -> {
          System.err.println("headroom worker: cannot start: " + e.getMessage());
          System.exit(1);
        });
  }

  /**
   * The run is finished and collected: exit 0 so the pod and its Job complete. From a thread of its
   * own, because exiting runs the shutdown hook, which waits for the event loop that called this.
   */
  private static void exitAfterStop() {
    Thread exit = new Thread(() -> {
      System.err.println("headroom worker: run finished and stopped; exiting");
      System.exit(0);
    }, "headroom-exit");
    exit.start();
  }

  static ExecutionPlan loadPlan(WorkerSettings settings) {
    Plan plan;
    try {
      plan = WireJson.MAPPER.readValue(Files.readAllBytes(settings.planFile()), Plan.class);
    } catch (IOException e) {
      throw new SetupException("cannot read plan " + settings.planFile() + ": " + e.getMessage());
    }
    DataSource data = settings.data().readOnce();
    List<Problem> problems = PlanValidator.validate(plan, "plan", data.columns());
    if (!problems.isEmpty()) {
      throw new SetupException("invalid plan:\n  " + String.join("\n  ", problems.stream().map(Problem::toString).toList()));
    }
    try {
      return ExecutionPlan.compile(plan, settings.secrets(), data);
    } catch (IllegalArgumentException e) {
      throw new SetupException(e.getMessage());
    }
  }

  /** A mistake in the pod's setup, reported as one line with exit code 2. */
  static final class SetupException extends RuntimeException {
    SetupException(String message) {
      super(message, null, false, false);
    }
  }
}
