package dev.headroom.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CRDs are generated from the API classes at build time; the copies users install ({@code crds/})
 * and the chart ships ({@code helm/headroom/crds/}) are committed. This fails the build when a copy
 * no longer matches what the classes generate, and says how to refresh it.
 */
class CrdDriftTest {

  @ParameterizedTest
  @CsvSource({
    "crds, " + RepoFiles.CRD_FILE,
    "helm/headroom/crds, " + RepoFiles.CRD_FILE,
    "crds, " + RepoFiles.SCHEDULE_CRD_FILE,
    "helm/headroom/crds, " + RepoFiles.SCHEDULE_CRD_FILE
  })
  void theCommittedCopyIsTheGeneratedCrd(String dir, String file) throws IOException {
    Path committed = RepoFiles.root().resolve(dir).resolve(file);
    if (!Files.exists(committed)) {
      fail(dir + "/" + file + " is missing; create it with: " + RepoFiles.REFRESH_CRDS);
    }
    String difference = firstDifference(RepoFiles.generatedCrd(file), Files.readString(committed));
    if (difference != null) {
      fail(dir + "/" + file + " differs from the CRD generated from dev.headroom.api.v1alpha1 ("
          + difference + "). Refresh both committed copies with: " + RepoFiles.REFRESH_CRDS
          + " (with -am: otherwise the plan classes come from whatever load-worker ~/.m2 holds)");
    }
  }

  @Test
  void theDifferenceNamesTheFirstLineThatDiffers() {
    assertEquals("line 2: generated 'b', committed 'c'", firstDifference("a\nb\n", "a\nc\n"));
    assertEquals("line 3: generated 'x', committed end of file", firstDifference("a\nb\nx\n", "a\nb\n"));
    assertNull(firstDifference("a\nb\n", "a\nb\n"));
  }

  @Test
  void theGeneratedCrdIsTheLoadTestCrdWithItsStatusSubresource() {
    String crd = RepoFiles.generatedCrd();
    assertTrue(crd.contains("name: loadtests.headroom.dev"), crd);
    assertTrue(crd.contains("subresources:\n      status: {}"), "status subresource");
  }

  @Test
  void kubectlGetShowsTheColumnsInTheOrderAUserReadsThem() {
    CustomResourceDefinition crd = Serialization.unmarshal(RepoFiles.generatedCrd(), CustomResourceDefinition.class);
    List<String> columns = crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
        .map(CustomResourceColumnDefinition::getName).toList();
    assertEquals(List.of("Phase", "Verdict", "Workers", "RPS", "P99", "Capacity", "Headroom", "Age"), columns);
  }

  /** Where two texts first differ, line by line, or null when they are equal. */
  static String firstDifference(String generated, String committed) {
    List<String> g = generated.lines().toList();
    List<String> c = committed.lines().toList();
    for (int i = 0; i < Math.max(g.size(), c.size()); i++) {
      String gl = i < g.size() ? "'" + g.get(i) + "'" : "end of file";
      String cl = i < c.size() ? "'" + c.get(i) + "'" : "end of file";
      if (!gl.equals(cl)) {
        return "line " + (i + 1) + ": generated " + gl + ", committed " + cl;
      }
    }
    return null;
  }
}
