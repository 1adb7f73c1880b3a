package dev.headroom.operator.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.operator.LoadTests;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a change to a LoadTest must start, and what it must not (a sync that changed nothing). */
class RunTriggerTest {

  private final RunTrigger trigger = new RunTrigger();

  private static LoadTest lt() {
    return LoadTests.named("t", """
        target: {url: "http://127.0.0.1:1"}
        requests: [{name: home, path: /}]
        load: {stages: [{duration: 1s, rate: 1}]}
        """);
  }

  @Test
  void aNewSpecANewTokenOrADeleteIsLookedAt() {
    LoadTest before = lt();
    LoadTest edited = lt();
    edited.getMetadata().setGeneration(2L);
    assertTrue(trigger.accept(edited, before));

    LoadTest token = lt();
    token.getMetadata().setAnnotations(Map.of(RunTrigger.RUN_TOKEN, "b1"));
    assertTrue(trigger.accept(token, before));
    LoadTest otherToken = lt();
    otherToken.getMetadata().setAnnotations(Map.of(RunTrigger.RUN_TOKEN, "b2"));
    assertTrue(trigger.accept(otherToken, token));

    LoadTest deleting = lt();
    deleting.getMetadata().setDeletionTimestamp("2030-01-01T00:00:00Z");
    assertTrue(trigger.accept(deleting, before));
  }

  @Test
  void aStatusWriteOrAnotherAnnotationIsNot() {
    LoadTest before = lt();
    before.getMetadata().setAnnotations(Map.of(RunTrigger.RUN_TOKEN, "b1"));
    LoadTest status = lt();
    status.getMetadata().setAnnotations(Map.of(RunTrigger.RUN_TOKEN, "b1"));
    status.setStatus(new LoadTestStatus());
    assertFalse(trigger.accept(status, before));

    LoadTest synced = lt();
    Map<String, String> annotations = new HashMap<>(Map.of(RunTrigger.RUN_TOKEN, "b1"));
    annotations.put("argocd.argoproj.io/tracking-id", "shop:headroom.dev/LoadTest:perf/t");
    synced.getMetadata().setAnnotations(annotations);
    assertFalse(trigger.accept(synced, before));
  }
}
