package dev.headroom.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.net.HttpURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a primary resource's status here rather than through JOSDK, whose own write leaves the
 * informer's cache behind it: an event right after a write would be reconciled from the status
 * before it. This write (server-side apply) is locked to the resource version observed and puts
 * its answer in the cache the next reconcile reads. When the resource changed meanwhile (a 409),
 * nothing is written and it is looked at again: the status was decided from what is now stale
 * (JOSDK's own retry would apply the stale status to the newer object).
 */
public final class StatusWriter {

  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

  private StatusWriter() {}

  /**
   * @param statusOnly the resource with nothing but its name, namespace and status
   * @return false when the resource had changed and nothing was written
   */
  public static <P extends HasMetadata> boolean write(P observed, P statusOnly, Context<P> context) {
    try {
      PrimaryUpdateAndCacheUtils.updateAndCacheResource(observed, context, ignored -> statusOnly,
          r -> context.getClient().resource(r).subresource("status").patch(new PatchContext.Builder()
              .withForce(true)
              .withFieldManager(context.getControllerConfiguration().fieldManager())
              .withPatchType(PatchType.SERVER_SIDE_APPLY)
              .build()),
          0, 0, 0);
      return true;
    } catch (OperatorException e) {
      if (e.getCause() instanceof KubernetesClientException k && k.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        LOG.debug("{}/{} changed while it was reconciled; looking again", observed.getMetadata().getNamespace(),
            observed.getMetadata().getName());
        return false;
      }
      throw e.getCause() instanceof KubernetesClientException k ? k : e;
    }
  }
}
