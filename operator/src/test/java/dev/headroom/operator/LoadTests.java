package dev.headroom.operator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.headroom.api.v1alpha1.LoadTest;
import java.util.UUID;

/** LoadTests for tests, written as the YAML a user would apply, as the API server would return them. */
public final class LoadTests {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private LoadTests() {}

  /** The spec under {@code spec:} (without the {@code spec:} line), in namespace {@code ns}, generation 1. */
  public static LoadTest named(String name, String specYaml) {
    String indented = specYaml.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
    try {
      LoadTest lt = YAML.readValue("spec:\n" + indented, LoadTest.class);
      lt.getMetadata().setName(name);
      lt.getMetadata().setNamespace("ns");
      lt.getMetadata().setUid(UUID.randomUUID().toString());
      lt.getMetadata().setGeneration(1L);
      return lt;
    } catch (Exception e) {
      throw new AssertionError("bad test YAML: " + e.getMessage(), e);
    }
  }
}
