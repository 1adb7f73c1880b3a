package dev.headroom.crd;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the LoadTest and LoadTestSchedule CRDs from the API classes; the build runs it (exec-maven-plugin, in
 * {@code process-test-classes}) into {@code target/classes/META-INF/fabric8/}. It is Fabric8's
 * generator with one change: the printer columns keep the order in which {@link LoadTest} declares
 * them (Phase, Verdict, Workers, RPS, P99, Age), where the generator alone sorts them by JSON path
 * and {@code kubectl get loadtests} would open with Age. It lives with the tests so that the
 * generator stays off the operator's runtime class path.
 */
public final class CrdWriter {

  private CrdWriter() {}

  /** {@code args[0]}: the output directory. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CrdWriter OUTPUT_DIR");
    }
    // The generator writes into the directory but does not make it (a clean tree has none).
    Files.createDirectories(Path.of(args[0]));
    int written = new CRDGenerator()
        .customResourceClasses(LoadTest.class, LoadTestSchedule.class)
        .withMinQuotes(true)
        .withParallelGenerationEnabled(false)
        .withPostProcessor(new DeclaredColumnOrder(LoadTest.class, LoadTestSchedule.class))
        .inOutputDir(Path.of(args[0]).toFile())
        .generate();
    if (written != 2) {
      throw new IllegalStateException("expected two CRDs, the generator wrote " + written);
    }
  }

  /** Orders each version's printer columns as the resource class declares them. */
  static final class DeclaredColumnOrder implements CRDPostProcessor {
    /** Column names in declared order, by kind. */
    private final Map<String, List<String>> declared = new HashMap<>();

    DeclaredColumnOrder(Class<?>... resources) {
      for (Class<?> resource : resources) {
        declared.put(resource.getSimpleName(), Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name).toList());
      }
    }

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      if (crd instanceof CustomResourceDefinition v1) {
        List<String> order = declared.getOrDefault(v1.getSpec().getNames().getKind(), List.of());
        v1.getSpec().getVersions().forEach(version -> {
          List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
          if (columns != null) {
            columns.sort(Comparator.comparingInt(c -> position(order, c)));
          }
        });
      }
      return crd;
    }

    private static int position(List<String> order, CustomResourceColumnDefinition column) {
      int i = order.indexOf(column.getName());
      return i < 0 ? order.size() : i;
    }
  }
}
