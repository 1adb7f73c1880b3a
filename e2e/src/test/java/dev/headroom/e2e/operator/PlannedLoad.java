package dev.headroom.e2e.operator;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.plan.Durations;
import dev.headroom.plan.Stage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The requests an open-model LoadTest asks for, worked out from its manifest as the engine
 * schedules them: a stage sends the area under its rate, {@code (rate + rampTo) / 2 × duration},
 * and the warmup is not measured. Tests compare the merged {@code status.summary.requests} with it.
 */
public final class PlannedLoad {

  private static final double TOLERANCE = 0.01;
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private PlannedLoad() {
  }

  /** The {@code LoadTest} document of a manifest file (which may hold other objects too). */
  public static LoadTest read(Path manifest) {
    try (InputStream in = Files.newInputStream(manifest)) {
      Object parsed = SERIALIZATION.unmarshal(in);
      List<?> documents = parsed instanceof List<?> list ? list : List.of(parsed);
      return documents.stream()
          .map(HasMetadata.class::cast)
          .filter(o -> "LoadTest".equals(o.getKind()))
          .map(o -> SERIALIZATION.convertValue(o, LoadTest.class))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no LoadTest in " + manifest));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Requests of the whole measured run. */
  public static long requests(LoadTestSpec spec) {
    return spec.load().stages().stream().mapToLong(PlannedLoad::requests).sum();
  }

  /** Fails unless {@code actual} is within 1% of {@code planned}. */
  public static void assertMatches(long planned, Long actual, String what) {
    if (actual == null || Math.abs(actual - planned) > planned * TOLERANCE) {
      throw new AssertionError(what + ": " + actual + " requests, planned " + planned + " (±1%)");
    }
  }

  /** Requests of one open-model stage. */
  public static long requests(Stage stage) {
    if (stage.rate() == null) {
      throw new IllegalArgumentException("a Closed-model stage plans no request count: " + stage);
    }
    double seconds = Durations.parse(stage.duration()).toNanos() / 1e9;
    double end = stage.rampTo() == null ? stage.rate() : stage.rampTo();
    return Math.round((stage.rate() + end) / 2 * seconds);
  }
}
