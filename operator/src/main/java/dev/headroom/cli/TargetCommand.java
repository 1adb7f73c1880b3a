package dev.headroom.cli;

import dev.headroom.target.DemoTarget;
import dev.headroom.target.DemoTargetOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code headroom target}: serves the {@link DemoTarget}, an HTTP server of known capacity, until
 * SIGTERM or SIGINT. Tests call {@link #start()} on a populated command instead of running it.
 */
@Command(
    name = "target",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Serves HTTP with a known capacity: concurrency / service time requests per",
        "second. Requests beyond the concurrency wait in a FIFO queue, so overload",
        "shows as latency. Paths:",
        "  /status/{code}     answers that status",
        "  /delay/{duration}  answers 200 after that long",
        "  /bytes/{n}         answers n bytes",
        "  /header/{name}/{sha256}",
        "                     as any path if header name's value has that SHA-256 (hex),",
        "                     else 403",
        "  /close             answers 200, then closes the connection",
        "  /reset             drops the connection without answering",
        "  anything else      answers 200 after the service time",
        "",
    })
public final class TargetCommand implements Callable<Integer> {

  private static final long CLOSE_TIMEOUT_SECONDS = 10;

  @Spec
  CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DemoTargetOptions.DEFAULT_PORT,
      description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = DemoTargetOptions.DEFAULT_HOST,
      description = "interface to listen on; 0.0.0.0 for all (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--service-time", paramLabel = "DURATION",
      defaultValue = DemoTargetOptions.DEFAULT_SERVICE_TIME_TEXT,
      description = "time each request is in service, e.g. 10ms or 500us (default: ${DEFAULT-VALUE})")
  Duration serviceTime;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + DemoTargetOptions.DEFAULT_CONCURRENCY,
      description = "requests in service at once (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--stall", paramLabel = "DURATION",
      description = "freeze this long (no responses) every --every, from the start")
  Duration stall;

  @Option(names = "--every", paramLabel = "DURATION", description = "how often to freeze for --stall")
  Duration every;

  @Override
  public Integer call() {
    Running running;
    try {
      running = start();
    } catch (CannotListen e) {
      spec.commandLine().getErr().println("headroom target: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "headroom-target-shutdown"));
    spec.commandLine().getOut().println(running.target().describe());
    spec.commandLine().getOut().flush();
    running.awaitClosed();
    return ExitCodes.OK;
  }

  /**
   * Starts the target on its own Vert.x and returns it running; the caller closes it.
   *
   * @throws ParameterException when the options are invalid (the message names the option)
   * @throws CannotListen when the host and port cannot be bound
   */
  public Running start() {
    DemoTargetOptions options = options();
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    try {
      return new Running(vertx, DemoTarget.start(vertx, options).await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (Exception e) {
      vertx.close();
      throw new CannotListen("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private DemoTargetOptions options() {
    try {
      return new DemoTargetOptions(host, port, serviceTime, concurrency, stall, every, OptionalLong.empty(),
          Runtime.getRuntime().availableProcessors());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** A started target and the Vert.x it runs on; closing it closes both. */
  public static final class Running implements AutoCloseable {

    private final Vertx vertx;
    private final DemoTarget target;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Running(Vertx vertx, DemoTarget target) {
      this.vertx = vertx;
      this.target = target;
    }

    public DemoTarget target() {
      return target;
    }

    /** Stops the target and its Vert.x; safe to call twice, from any thread but an event loop. */
    @Override
    public void close() {
      try {
        vertx.close().await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Shutting down anyway: a slow close must not keep the process alive.
      } finally {
        closed.countDown();
      }
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitClosed() {
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The target could not bind its address: an environment problem, not a usage mistake. */
  public static final class CannotListen extends RuntimeException {
    CannotListen(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
