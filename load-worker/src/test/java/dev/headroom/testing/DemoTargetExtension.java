package dev.headroom.testing;

import dev.headroom.engine.GeneratorVertx;
import dev.headroom.target.DemoTarget;
import dev.headroom.target.DemoTargetOptions;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A demo target on a loopback port for a test class, and the generator's Vert.x beside it:
 * {@code @RegisterExtension static final DemoTargetExtension TARGET = new DemoTargetExtension(...)}.
 */
public final class DemoTargetExtension implements BeforeAllCallback, AfterAllCallback {

  private static final Duration T = Duration.ofSeconds(10);

  private final DemoTargetOptions options;
  private Vertx vertx;
  private DemoTarget target;

  public DemoTargetExtension(DemoTargetOptions options) {
    this.options = options.withPort(0);
  }

  /** A target that answers in 1 ms with {@code concurrency} servers. */
  public static DemoTargetExtension fast(int concurrency) {
    return new DemoTargetExtension(
        DemoTargetOptions.defaults().withConcurrency(concurrency).withServiceTime(Duration.ofMillis(1)));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    vertx = GeneratorVertx.create(2);
    target = Await.result(DemoTarget.start(vertx, options), T);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Await.result(vertx.close(), T);
  }

  public Vertx vertx() {
    return vertx;
  }

  public DemoTarget target() {
    return target;
  }

  public String url() {
    return target.url();
  }
}
