package dev.headroom.operator.run;

import dev.headroom.operator.kube.Cluster;
import dev.headroom.plan.DataColumns;
import dev.headroom.plan.DataSet;
import dev.headroom.plan.DataTable;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A LoadTest's data sets as the cluster holds them, read before a run starts so that a missing
 * ConfigMap, a CSV without a header row or a template naming no column fails the LoadTest at once,
 * naming the field, instead of its workers. A Secret's rows are parsed for their header and
 * dropped: nothing of them is kept, logged or written.
 */
public record ClusterData(Cluster cluster, String namespace) implements DataColumns {

  @Override
  public Optional<List<String>> of(DataSet set) {
    if (set.file() != null) {
      throw new IllegalArgumentException("a file is read by headroom run only; in a cluster put the CSV in a"
          + " ConfigMap (configMapKeyRef) or a Secret (secretKeyRef)");
    }
    DataSet.KeyRef ref = set.keyRef();
    String kind = set.secret() ? "Secret" : "ConfigMap";
    String csv = set.secret() ? secretText(ref) : configMapText(ref);
    if (csv == null) {
      throw new IllegalArgumentException(kind + " " + namespace + "/" + ref.name() + " has no key " + ref.key());
    }
    try {
      return Optional.of(DataTable.parse(set.name(), new StringReader(csv)).columns());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(kind + " " + ref.name() + " key " + ref.key() + " " + e.getMessage());
    }
  }

  private String configMapText(DataSet.KeyRef ref) {
    ConfigMap cm = cluster.configMap(namespace, ref.name()).orElseThrow(() ->
        new IllegalArgumentException("no ConfigMap " + namespace + "/" + ref.name()));
    return cm.getData() == null ? null : cm.getData().get(ref.key());
  }

  private String secretText(DataSet.KeyRef ref) {
    Secret secret = cluster.secret(namespace, ref.name()).orElseThrow(() ->
        new IllegalArgumentException("no Secret " + namespace + "/" + ref.name()));
    Map<String, String> data = secret.getData();
    String encoded = data == null ? null : data.get(ref.key());
    if (encoded != null) {
      return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }
    return secret.getStringData() == null ? null : secret.getStringData().get(ref.key());
  }
}
