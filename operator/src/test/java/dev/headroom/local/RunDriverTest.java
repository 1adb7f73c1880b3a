package dev.headroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.operator.LoadTests;
import dev.headroom.plan.ExecutionPlan;
import dev.headroom.plan.SecretSource;
import dev.headroom.session.RunSession;
import dev.headroom.testing.DemoTargetExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code headroom run}'s loop: its workers hold only what it has not merged yet. */
class RunDriverTest {

  @RegisterExtension static final DemoTargetExtension TARGET = DemoTargetExtension.fast(100);

  @Test
  void theWorkersOfALocalRunKeepOnlyTheIntervalsNotMergedYet() {
    LoadTest lt = LoadTests.named("local", """
        target: {url: "%s"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 6s, rate: 50}]}
        workers: {replicas: 2}
        """.formatted(TARGET.url()));
    ExecutionPlan plan = ExecutionPlan.compile(lt.getSpec().plan(), SecretSource.NONE);
    LocalWorkers workers = LocalWorkers.start(TARGET.vertx(), plan, 2).await();
    AtomicInteger mostKept = new AtomicInteger();
    AtomicInteger looks = new AtomicInteger();
    try {
      RunDriver driver = new RunDriver(workers.controls(), lt.getSpec(), new RunDriver.Listener() {
        @Override
        public void started(long startAtEpochMs) {}

        @Override
        public void progress(RunSession session) {
          looks.incrementAndGet();
          mostKept.accumulateAndGet(workers.intervalsKept(), Math::max);
        }
      });
      driver.run(Duration.ofSeconds(10));
      assertEquals(300L, driver.session().results().report(List.of()).summary().requests());
    } finally {
      workers.close().await();
    }
    assertTrue(looks.get() >= 5, looks.get() + " looks");
    // Each look acknowledges what it merged; the next pull drops it. Two workers, a second apart:
    // a couple of intervals each at most, whatever the run's length.
    assertTrue(mostKept.get() <= 6, "the workers held " + mostKept.get() + " intervals at once");
  }
}
