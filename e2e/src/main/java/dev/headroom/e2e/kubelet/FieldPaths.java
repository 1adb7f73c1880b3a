package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Values of the downward API: pod fields ({@code fieldRef}) and container resources ({@code resourceFieldRef}). */
final class FieldPaths {

  private static final Pattern SUBSCRIPT = Pattern.compile("metadata\\.(labels|annotations)\\['([^']*)'\\]");

  private FieldPaths() {
  }

  /** Where a pod runs: its own address and its node's. */
  record Addresses(String podIp, String hostIp) {
  }

  /** The value of a {@code fieldRef} path; whole label and annotation maps are allowed only in volumes. */
  static String field(Pod pod, String path, Addresses addresses, boolean wholeMapsAllowed) throws ContainerConfigException {
    Matcher subscript = SUBSCRIPT.matcher(path);
    if (subscript.matches()) {
      Map<String, String> map = "labels".equals(subscript.group(1))
          ? pod.getMetadata().getLabels() : pod.getMetadata().getAnnotations();
      return map == null ? "" : map.getOrDefault(subscript.group(2), "");
    }
    switch (path) {
      case "metadata.name":
        return pod.getMetadata().getName();
      case "metadata.namespace":
        return pod.getMetadata().getNamespace();
      case "metadata.uid":
        return pod.getMetadata().getUid();
      case "spec.nodeName":
        return nullToEmpty(pod.getSpec().getNodeName());
      case "spec.serviceAccountName":
        return nullToEmpty(pod.getSpec().getServiceAccountName());
      case "status.podIP":
      case "status.podIPs":
        return addresses.podIp();
      case "status.hostIP":
      case "status.hostIPs":
        return addresses.hostIp();
      case "metadata.labels":
      case "metadata.annotations":
        // Only volumes may project whole maps.
        if (wholeMapsAllowed) {
          return formatMap("metadata.labels".equals(path)
              ? pod.getMetadata().getLabels() : pod.getMetadata().getAnnotations());
        }
        throw unsupported(path);
      default:
        throw unsupported(path);
    }
  }

  private static ContainerConfigException unsupported(String path) {
    return new ContainerConfigException("fieldRef " + path + " is not supported by the process kubelet");
  }

  /** The value of a {@code resourceFieldRef}: the container's request or limit divided by {@code divisor}, rounded up. */
  static String resource(Container container, String resource, Quantity divisor, Map<String, Quantity> nodeAllocatable)
      throws ContainerConfigException {
    String[] parts = resource == null ? new String[0] : resource.split("\\.", 2);
    if (parts.length != 2 || !(parts[0].equals("limits") || parts[0].equals("requests"))) {
      throw new ContainerConfigException("resourceFieldRef " + resource + " is not supported by the process kubelet");
    }
    Map<String, Quantity> declared = container.getResources() == null ? null
        : parts[0].equals("limits") ? container.getResources().getLimits() : container.getResources().getRequests();
    Quantity value = declared == null ? null : declared.get(parts[1]);
    if (value == null && parts[0].equals("limits")) {
      value = nodeAllocatable.get(parts[1]);
    }
    if (value == null) {
      return "0";
    }
    BigDecimal unit = divisor == null ? BigDecimal.ONE : divisor.getNumericalAmount();
    if (unit.signum() <= 0) {
      throw new ContainerConfigException("resourceFieldRef " + resource + " has a divisor that is not positive");
    }
    return value.getNumericalAmount().divide(unit, 0, RoundingMode.CEILING).toPlainString();
  }

  /** The downward API's file form of a map: sorted {@code key="value"} lines. */
  static String formatMap(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    new TreeMap<>(map).forEach((k, v) -> out.append(k).append("=\"")
        .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append("\"\n"));
    return out.toString();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
