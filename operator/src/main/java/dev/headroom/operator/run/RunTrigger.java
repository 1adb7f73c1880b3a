package dev.headroom.operator.run;

import dev.headroom.api.v1alpha1.LoadTest;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * Which changes to a LoadTest are worth a look: a new spec (its generation), a new value of the
 * {@value #RUN_TOKEN} annotation (a pipeline re-running the same spec without deleting it), and a
 * delete. Everything else, the operator's own status writes and a GitOps sync that changed
 * nothing among them, starts nothing. The Jobs and pods of a run are watched on their own.
 */
public final class RunTrigger implements OnUpdateFilter<LoadTest> {

  /** Its value changing starts a new run of the same spec. */
  public static final String RUN_TOKEN = "headroom.dev/run-token";

  @Override
  public boolean accept(LoadTest now, LoadTest before) {
    return !Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration())
        || !Objects.equals(runToken(now), runToken(before))
        || now.isMarkedForDeletion() != before.isMarkedForDeletion();
  }

  /** The LoadTest's run token; null when it has none. */
  public static String runToken(LoadTest lt) {
    Map<String, String> annotations = lt.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(RUN_TOKEN);
  }
}
