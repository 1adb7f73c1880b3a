package dev.headroom.e2e.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceHostsTest {

  private static Pod pod(String ns, String name, String app, String ip, boolean ready) {
    return new PodBuilder().withNewMetadata().withNamespace(ns).withName(name).addToLabels("app", app).endMetadata()
        .withNewStatus().withPodIP(ip).addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus().build();
  }

  private static Service service(String ns, String name, String app) {
    return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withNewSpec().addToSelector("app", app).endSpec().build();
  }

  @Test
  void shortNamesOnlyForTheOwnNamespaceAndOnlyReadyPods() {
    List<Service> services = List.of(service("shop", "web", "web"), service("other", "db", "db"), service("shop", "none", "x"));
    List<Pod> pods = List.of(
        pod("shop", "web-b", "web", "127.0.1.4", true),
        pod("shop", "web-a", "web", "127.0.1.3", false),
        pod("other", "db-0", "db", "127.0.1.9", true),
        pod("shop", "x-0", "x", "127.0.1.7", false));

    String hosts = ServiceHosts.render("shop", "node-1", services, pods);

    assertEquals("""
        127.0.0.1 localhost node-1
        ::1 localhost ip6-localhost
        127.0.0.1 kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local
        127.0.1.9 db.other db.other.svc db.other.svc.cluster.local
        127.0.1.4 web.shop web.shop.svc web.shop.svc.cluster.local web
        """, hosts);
  }
}
