package dev.headroom.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code helm lint} and {@code helm template} of {@code helm/headroom}, in both RBAC scopes. */
class ChartTest {

  private static final String RELEASE_NAMESPACE = "headroom-system";
  private static final YAMLMapper YAML = new YAMLMapper();

  /** Exactly the rights the run lifecycle and schedules need: resource → verbs. */
  private static final Map<String, List<String>> RULES = new LinkedHashMap<>();

  static {
    RULES.put("headroom.dev/loadtests", List.of("get", "list", "watch", "create", "delete"));
    RULES.put("headroom.dev/loadtests/status", List.of("patch"));
    RULES.put("headroom.dev/loadtestschedules", List.of("get", "list", "watch"));
    RULES.put("headroom.dev/loadtestschedules/status", List.of("patch", "update"));
    RULES.put("headroom.dev/loadtests/finalizers", List.of("update"));
    RULES.put("batch/jobs", List.of("create", "get", "list", "watch", "delete"));
    RULES.put("configmaps", List.of("create", "get", "update", "delete"));
    RULES.put("secrets", List.of("create", "get", "delete"));
    RULES.put("pods", List.of("get", "list", "watch"));
    RULES.put("events", List.of("create"));
  }

  private static Helm helm;
  private static String chart;
  private static String appVersion;

  @BeforeAll
  static void findHelm() throws IOException {
    helm = Helm.require();
    chart = RepoFiles.root().resolve("helm/headroom").toString();
    appVersion = YAML.readTree(RepoFiles.root().resolve("helm/headroom/Chart.yaml").toFile()).path("appVersion").asText();
  }

  private static List<JsonNode> render(String... sets) {
    List<String> args = new ArrayList<>(List.of("template", "hr", chart, "--namespace", RELEASE_NAMESPACE));
    for (String set : sets) {
      args.add("--set");
      args.add(set);
    }
    Helm.Result result = helm.run(args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result.output());
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(result.output())) {
      List<JsonNode> objects = new ArrayList<>();
      docs.forEachRemaining(d -> {
        if (d != null && d.isObject()) {
          objects.add(d);
        }
      });
      return objects;
    } catch (IOException e) {
      throw new AssertionError("helm template printed no YAML: " + e.getMessage() + "\n" + result.output(), e);
    }
  }

  private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  private static JsonNode only(List<JsonNode> objects, String kind) {
    List<JsonNode> found = ofKind(objects, kind);
    assertEquals(1, found.size(), "one " + kind);
    return found.get(0);
  }

  private static Map<String, List<String>> rules(JsonNode role) {
    Map<String, List<String>> rules = new LinkedHashMap<>();
    for (JsonNode rule : role.path("rules")) {
      String group = rule.path("apiGroups").get(0).asText();
      for (JsonNode resource : rule.path("resources")) {
        List<String> verbs = new ArrayList<>();
        rule.path("verbs").forEach(v -> verbs.add(v.asText()));
        rules.put(group.isEmpty() ? resource.asText() : group + "/" + resource.asText(), verbs);
      }
    }
    return rules;
  }

  private static Map<String, String> env(JsonNode deployment) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode e : deployment.at("/spec/template/spec/containers/0/env")) {
      env.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : e.path("valueFrom").toString());
    }
    return env;
  }

  @Test
  void lintIsCleanInBothScopes() {
    for (String[] sets : List.of(new String[0], new String[] {"--set", "rbac.scope=namespaced",
        "--set", "watchNamespaces={team-a,team-b}", "--set", "replicas=2"})) {
      List<String> args = new ArrayList<>(List.of("lint", "--strict", chart));
      args.addAll(List.of(sets));
      Helm.Result lint = helm.run(args.toArray(String[]::new));
      assertEquals(0, lint.exitCode(), lint.output());
      assertTrue(lint.output().contains("0 chart(s) failed"), lint.output());
      assertTrue(lint.output().lines().noneMatch(l -> l.contains("[WARNING]") || l.contains("[ERROR]")), lint.output());
    }
  }

  @Test
  void byDefaultTheOperatorHasClusterWideLeastPrivilegeAndWatchesEveryNamespace() {
    List<JsonNode> objects = render();
    assertEquals(RULES, rules(only(objects, "ClusterRole")));
    JsonNode binding = only(objects, "ClusterRoleBinding");
    assertEquals("hr-headroom", binding.at("/subjects/0/name").asText());
    assertEquals(RELEASE_NAMESPACE, binding.at("/subjects/0/namespace").asText());
    assertEquals(List.of(), ofKind(objects, "Role"));

    JsonNode deployment = only(objects, "Deployment");
    Map<String, String> env = env(deployment);
    assertEquals("", env.get("HEADROOM_WATCH_NAMESPACES"));
    assertEquals("false", env.get("HEADROOM_LEADER_ELECTION"));
    assertEquals("Recreate", deployment.at("/spec/strategy/type").asText(), "one operator at a time without a leader");
  }

  @Test
  void namespacedScopeGrantsTheSameRulesInEachWatchedNamespaceOnly() {
    List<JsonNode> objects = render("rbac.scope=namespaced", "watchNamespaces={team-a,team-b}");
    assertEquals(List.of(), ofKind(objects, "ClusterRole"));
    assertEquals(List.of(), ofKind(objects, "ClusterRoleBinding"));
    List<JsonNode> roles = ofKind(objects, "Role");
    assertEquals(List.of("team-a", "team-b"), roles.stream().map(r -> r.at("/metadata/namespace").asText()).toList());
    roles.forEach(r -> assertEquals(RULES, rules(r)));
    assertEquals(List.of("team-a", "team-b"),
        ofKind(objects, "RoleBinding").stream().map(r -> r.at("/metadata/namespace").asText()).toList());
    assertEquals("team-a,team-b", env(only(objects, "Deployment")).get("HEADROOM_WATCH_NAMESPACES"));
  }

  @Test
  void namespacedScopeWithoutNamespacesWatchesTheReleaseNamespace() {
    List<JsonNode> objects = render("rbac.scope=namespaced");
    assertEquals(RELEASE_NAMESPACE, only(objects, "Role").at("/metadata/namespace").asText());
    assertEquals(RELEASE_NAMESPACE, env(only(objects, "Deployment")).get("HEADROOM_WATCH_NAMESPACES"));
  }

  @Test
  void twoReplicasElectALeaderThroughALeaseInTheReleaseNamespace() {
    List<JsonNode> objects = render("replicas=2");
    JsonNode deployment = only(objects, "Deployment");
    assertEquals("true", env(deployment).get("HEADROOM_LEADER_ELECTION"));
    assertNotEquals("Recreate", deployment.at("/spec/strategy/type").asText());
    JsonNode lease = ofKind(objects, "Role").stream()
        .filter(r -> r.at("/metadata/name").asText().endsWith("-leader-election")).findFirst().orElseThrow();
    assertEquals(RELEASE_NAMESPACE, lease.at("/metadata/namespace").asText());
    assertEquals(Map.of("coordination.k8s.io/leases", List.of("get", "create", "update", "patch")), rules(lease));
  }

  @Test
  void theOperatorRunsHardenedWithTheChartsImagesAndProbes() {
    JsonNode deployment = only(render(), "Deployment");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    assertEquals("headroom-operator:" + appVersion, container.path("image").asText());
    assertEquals("[\"operator\"]", container.path("args").toString());
    Map<String, String> env = env(deployment);
    assertEquals("headroom-worker:" + appVersion, env.get("HEADROOM_WORKER_IMAGE"));
    assertEquals("{\"fieldRef\":{\"fieldPath\":\"metadata.namespace\"}}", env.get("POD_NAMESPACE"));
    assertEquals("8080", env.get("HEADROOM_METRICS_PORT"));
    assertEquals("8081", env.get("HEADROOM_HEALTH_PORT"));
    assertEquals("5m", env.get("HEADROOM_READY_TIMEOUT"));

    assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
    assertEquals(65532, pod.at("/securityContext/runAsUser").asInt());
    assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
    JsonNode hardened = container.path("securityContext");
    assertTrue(hardened.path("readOnlyRootFilesystem").asBoolean());
    assertEquals(false, hardened.path("allowPrivilegeEscalation").asBoolean(true));
    assertEquals("[\"ALL\"]", hardened.at("/capabilities/drop").toString());
    assertEquals("/tmp", container.at("/volumeMounts/0/mountPath").asText());
    assertTrue(pod.at("/volumes/0/emptyDir").isObject());

    assertEquals("/healthz", container.at("/livenessProbe/httpGet/path").asText());
    assertEquals("/readyz", container.at("/readinessProbe/httpGet/path").asText());
    assertEquals("health", container.at("/readinessProbe/httpGet/port").asText());
    assertEquals("{metrics=8080, health=8081}", ports(container).toString());

    JsonNode service = only(render(), "Service");
    assertEquals("metrics", service.at("/spec/ports/0/targetPort").asText());
    assertEquals(deployment.at("/spec/selector/matchLabels"), service.at("/spec/selector"));
  }

  private static Map<String, Integer> ports(JsonNode container) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
    return ports;
  }

  @Test
  void policyValuesReachTheOperatorsEnvironment() {
    Map<String, String> env = env(only(render(
        "policy.allowedHosts={*.svc,*.shop.svc.cluster.local}", "policy.maxTotalRate=20000", "policy.maxWorkers=10",
        "watchNamespaces={shop}"), "Deployment"));
    assertEquals("*.svc,*.shop.svc.cluster.local", env.get("HEADROOM_POLICY_ALLOWED_HOSTS"));
    assertEquals("20000", env.get("HEADROOM_POLICY_MAX_RATE"));
    assertEquals("10", env.get("HEADROOM_POLICY_MAX_WORKERS"));
    assertEquals("shop", env.get("HEADROOM_WATCH_NAMESPACES"));
  }

  @Test
  void reportPagesAreOnByDefaultAndWhenOffNoStatusNamesOne() {
    Map<String, String> on = env(only(render(), "Deployment"));
    assertEquals("true", on.get("HEADROOM_REPORTS"));
    assertEquals("http://hr-headroom-metrics.headroom-system.svc:8080", on.get("HEADROOM_REPORT_URL"));
    Map<String, String> off = env(only(render("metrics.reports=false"), "Deployment"));
    assertEquals("false", off.get("HEADROOM_REPORTS"));
    assertFalse(off.containsKey("HEADROOM_REPORT_URL"), off.toString());
  }

  @Test
  void extraEnvComesAfterTheChartsOwnVariables() {
    JsonNode deployment = only(render("extraEnv[0].name=HEADROOM_CLOCK_FILE", "extraEnv[0].value=/tmp/e2e/now",
        "extraEnv[1].name=NODE_NAME", "extraEnv[1].valueFrom.fieldRef.fieldPath=spec.nodeName"), "Deployment");
    List<String> names = new ArrayList<>(env(deployment).keySet());
    assertEquals(List.of("HEADROOM_CLOCK_FILE", "NODE_NAME"), names.subList(names.size() - 2, names.size()));
    assertEquals("/tmp/e2e/now", env(deployment).get("HEADROOM_CLOCK_FILE"));
    assertEquals("{\"fieldRef\":{\"fieldPath\":\"spec.nodeName\"}}", env(deployment).get("NODE_NAME"));
    Map<String, String> none = env(only(render(), "Deployment"));
    assertEquals(names.subList(0, names.size() - 2), new ArrayList<>(none.keySet()), "nothing extra by default");
  }

  @Test
  void theServiceMonitorIsOffByDefaultAndWhenOnScrapesTheMetricsServiceOnly() {
    assertTrue(ofKind(render(), "ServiceMonitor").isEmpty());

    List<JsonNode> objects = render("metrics.serviceMonitor.enabled=true", "metrics.serviceMonitor.interval=10s",
        "metrics.serviceMonitor.labels.release=prometheus");
    JsonNode monitor = only(objects, "ServiceMonitor");
    JsonNode service = only(objects, "Service");
    assertEquals("prometheus", monitor.at("/metadata/labels/release").asText());
    monitor.at("/spec/selector/matchLabels").fields().forEachRemaining(label -> assertEquals(label.getValue(),
        service.at("/metadata/labels").get(label.getKey()), "the Service carries selector label " + label.getKey()));
    assertEquals("metrics", monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText(),
        "the operator's other Services (none yet) are not scraped");
    assertEquals(RELEASE_NAMESPACE, monitor.at("/spec/namespaceSelector/matchNames/0").asText());
    JsonNode endpoint = monitor.at("/spec/endpoints/0");
    assertEquals(service.at("/spec/ports/0/name").asText(), endpoint.path("port").asText());
    assertEquals("/metrics", endpoint.path("path").asText());
    assertEquals("10s", endpoint.path("interval").asText());
    assertEquals("5m", env(only(objects, "Deployment")).get("HEADROOM_METRICS_RETENTION"));

    Helm.Result withoutService = helm.run("template", "hr", chart, "--set", "metrics.serviceMonitor.enabled=true",
        "--set", "metrics.service.enabled=false");
    assertNotEquals(0, withoutService.exitCode(), "a ServiceMonitor with no Service to select scrapes nothing");
  }

  @Test
  void theGrafanaDashboardIsOffByDefaultAndWhenOnIsTheFileInASidecarConfigMap() throws IOException {
    assertTrue(ofKind(render(), "ConfigMap").isEmpty());

    JsonNode configMap = only(render("grafana.dashboard.enabled=true", "grafana.dashboard.namespace=monitoring"),
        "ConfigMap");
    assertEquals("1", configMap.at("/metadata/labels/grafana_dashboard").asText());
    assertEquals("monitoring", configMap.at("/metadata/namespace").asText());
    JsonNode dashboard = YAML.readTree(configMap.at("/data/headroom.json").asText());
    assertEquals(YAML.readTree(RepoFiles.root().resolve("helm/headroom/dashboards/headroom.json").toFile()), dashboard,
        "the dashboard file, whole");
    List<String> titles = new ArrayList<>();
    dashboard.path("panels").forEach(p -> titles.add(p.path("title").asText()));
    assertEquals(List.of("LoadTests by phase", "Runs ended by verdict", "Achieved rps against target",
        "Requests per second by request", "Latency of the last interval", "Errors per second by kind",
        "Generator send lag (p99)", "Workers", "Achieved journeys per second against target",
        "Capacity search: current step"), titles);
  }

  @Test
  void theValuesSchemaRefusesWhatTheChartCannotUse() {
    for (String bad : List.of("rbac.scope=everywhere", "replicas=0", "policy.maxWorkers=0", "watchNamespaces={Team_A}",
        "readyTimeout=soon", "metrics.port=0", "unknownKey=1", "extraEnv[0].value=no-name", "metrics.retention=later",
        "metrics.serviceMonitor.interval=often", "grafana.dashboard.unknown=1")) {
      Helm.Result result = helm.run("template", "hr", chart, "--set", bad);
      assertNotEquals(0, result.exitCode(), bad + " was accepted");
      assertTrue(result.output().contains("values don't meet the specifications of the schema"), result.output());
    }
  }

  @Test
  void theChartsAppVersionIsTheProjectVersion() throws IOException {
    String pom = Files.readString(RepoFiles.root().resolve("pom.xml"));
    Matcher version = Pattern.compile("<artifactId>headroom-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertTrue(version.find(), "the parent pom's version");
    assertEquals(version.group(1), appVersion, "helm/headroom/Chart.yaml appVersion (the images' default tag)");
  }
}
