package dev.headroom.har;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.headroom.api.v1alpha1.LoadTestSpec;
import dev.headroom.api.v1alpha1.Workers;
import dev.headroom.operator.model.WorkerResources;
import dev.headroom.plan.Load;
import dev.headroom.plan.Problem;
import dev.headroom.plan.Scenario;
import dev.headroom.plan.SecretHeader;
import dev.headroom.plan.Stage;
import dev.headroom.plan.Target;
import dev.headroom.validation.ManifestReader;
import java.util.List;
import java.util.Locale;

/**
 * Writes a recorded journey as a {@code LoadTest} manifest: the journey as the one scenario, at
 * one journey a second for a minute on one worker (a smoke run to check the journey before
 * scaling it up), credentials as secret headers of a Secret named after the test.
 */
public final class ManifestWriter {

  static final String DEFAULT_NAME = "har-import";

  private static final ObjectMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build();

  private ManifestWriter() {}

  /** A LoadTest name from the recording's file name: {@code Shop Checkout.har} gives {@code shop-checkout}. */
  public static String nameFor(String fileName) {
    String base = fileName.replaceFirst("(?i)\\.har$", "").toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+", "");
    String cut = base.length() > WorkerResources.MAX_NAME_LENGTH ? base.substring(0, WorkerResources.MAX_NAME_LENGTH) : base;
    cut = cut.replaceAll("-+$", "");
    return cut.isEmpty() ? DEFAULT_NAME : cut;
  }

  /** The Secret the manifest's secret headers name: one per test, so two imports never share one. */
  public static String secretName(String name) {
    return name + "-secrets";
  }

  /** The key of a secret header's value in the Secret: its name in lower case. */
  public static String secretKey(String header) {
    return header.toLowerCase(Locale.ROOT);
  }

  public static String yaml(String name, RecordedJourney journey) {
    List<SecretHeader> secretHeaders = journey.secretHeaders().stream()
        .map(h -> new SecretHeader(h, new SecretHeader.SecretKeyRef(secretName(name), secretKey(h))))
        .toList();
    Target target = new Target(journey.origin(), journey.targetHeaders().isEmpty() ? null : journey.targetHeaders(),
        secretHeaders.isEmpty() ? null : secretHeaders, null, null, null, null);
    Load load = new Load(null, null, List.of(new Stage("1m", 1.0, null, null, null)));
    LoadTestSpec spec = new LoadTestSpec(target, null, List.of(new Scenario(name, null, journey.steps())), load,
        new Workers(1, null, null, null, null, null, null), null, null, null, null);
    ObjectNode manifest = YAML.createObjectNode();
    manifest.put("apiVersion", ManifestReader.API_VERSION);
    manifest.put("kind", ManifestReader.KIND);
    manifest.putObject("metadata").put("name", name);
    manifest.set("spec", YAML.valueToTree(spec));
    try {
      return YAML.writeValueAsString(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a manifest tree always writes", e);
    }
  }

  /** Every problem the operator would find in a manifest: an import checks its own output so, and so do its tests. */
  public static List<Problem> check(String yaml) {
    return ManifestReader.parse(yaml).problems();
  }
}
