package dev.headroom.e2e.operator;

import dev.headroom.e2e.Cluster;
import dev.headroom.e2e.ClusterExtension;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the chart installed once per test run ({@link HeadroomInstall}, kept in the root
 * store so it is uninstalled when the run ends, before the cluster goes) and its {@link LoadTests};
 * after each test, deletes every LoadTest so the next one starts with no workers running.
 *
 * <p>Register it after {@link ClusterExtension}, whose cluster it installs into:
 * {@code @ExtendWith({ClusterExtension.class, HeadroomExtension.class})}. Where there is no cluster,
 * {@link ClusterExtension} has already skipped the test.
 */
final class HeadroomExtension implements ParameterResolver, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HeadroomExtension.class);
  /** Where {@link ClusterExtension} keeps the cluster of the run (its root store). */
  private static final ExtensionContext.Namespace CLUSTER = ExtensionContext.Namespace.create(ClusterExtension.class);

  /** Why the chart could not be installed; kept so that every test fails with it without installing again. */
  private record Failed(Throwable cause) {
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == HeadroomInstall.class || type == LoadTests.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    HeadroomInstall headroom = headroom(context);
    return parameter.getParameter().getType() == LoadTests.class ? headroom.loadTests() : headroom;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (context.getRoot().getStore(NAMESPACE).get("headroom") instanceof HeadroomInstall headroom) {
      headroom.loadTests().deleteAll();
    }
  }

  private static HeadroomInstall headroom(ExtensionContext context) {
    Object value = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("headroom", key -> install(context), Object.class);
    if (value instanceof Failed failed) {
      throw new AssertionError("the chart could not be installed: " + failed.cause().getMessage(), failed.cause());
    }
    return (HeadroomInstall) value;
  }

  private static Object install(ExtensionContext context) {
    Object cluster = context.getRoot().getStore(CLUSTER).get("cluster");
    if (!(cluster instanceof Cluster c)) {
      return new Failed(new IllegalStateException("no cluster from ClusterExtension (register it first): " + cluster));
    }
    try {
      return HeadroomInstall.install(c);
    } catch (RuntimeException | AssertionError e) {
      return new Failed(e);
    }
  }
}
