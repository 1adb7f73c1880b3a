package dev.headroom.operator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.headroom.operator.FakeCluster;
import dev.headroom.plan.DataSet;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The header rows the operator reads before a run, and what it says when it cannot. */
class ClusterDataTest {

  private final FakeCluster cluster = new FakeCluster();
  private final ClusterData data = new ClusterData(cluster, "shop");

  private static DataSet fromConfigMap(String name, String key) {
    return new DataSet("users", new DataSet.KeyRef(name, key), null, null, null);
  }

  private static DataSet fromSecret(String name, String key) {
    return new DataSet("cards", null, new DataSet.KeyRef(name, key), null, null);
  }

  private String problem(DataSet set) {
    return assertThrows(IllegalArgumentException.class, () -> data.of(set)).getMessage();
  }

  @Test
  void readsTheColumnsOfAConfigMapKeyAndOfASecretKey() {
    cluster.put(new ConfigMapBuilder().withNewMetadata().withName("shop-users").withNamespace("shop").endMetadata()
        .addToData("users.csv", "name,tier\nann,gold\n").build());
    cluster.put(new SecretBuilder().withNewMetadata().withName("shop-cards").withNamespace("shop").endMetadata()
        .addToData("cards.csv", Base64.getEncoder().encodeToString("card,cvc\n4000,123\n".getBytes(StandardCharsets.UTF_8)))
        .build());

    assertEquals(Optional.of(List.of("name", "tier")), data.of(fromConfigMap("shop-users", "users.csv")));
    assertEquals(Optional.of(List.of("card", "cvc")), data.of(fromSecret("shop-cards", "cards.csv")));
  }

  @Test
  void aMissingSourceOrKeyOrABadCsvIsNamedWithoutItsValues() {
    assertEquals("no ConfigMap shop/shop-users", problem(fromConfigMap("shop-users", "users.csv")));
    assertEquals("no Secret shop/shop-cards", problem(fromSecret("shop-cards", "cards.csv")));
    cluster.put(new ConfigMapBuilder().withNewMetadata().withName("shop-users").withNamespace("shop").endMetadata()
        .addToData("other.csv", "x\n1\n").build());
    assertEquals("ConfigMap shop/shop-users has no key users.csv", problem(fromConfigMap("shop-users", "users.csv")));
    cluster.put(new SecretBuilder().withNewMetadata().withName("shop-cards").withNamespace("shop").endMetadata()
        .addToStringData("cards.csv", "card\n4000-1234,999\n").build());
    String ragged = problem(fromSecret("shop-cards", "cards.csv"));
    assertEquals("Secret shop-cards key cards.csv line 2 has 2 fields; the header row has 1", ragged);
    assertFalse(ragged.contains("4000-1234"), ragged);
  }

  @Test
  void aFileIsForHeadroomRunOnly() {
    assertEquals("a file is read by headroom run only; in a cluster put the CSV in a ConfigMap (configMapKeyRef) or"
        + " a Secret (secretKeyRef)", problem(new DataSet("users", null, null, "users.csv", null)));
  }
}
