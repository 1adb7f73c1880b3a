package dev.headroom.api.v1alpha1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.plan.Http;
import dev.headroom.plan.HttpVersion;
import dev.headroom.plan.SecretHeader;
import dev.headroom.plan.Target;
import dev.headroom.plan.Tls;
import dev.headroom.plan.Tracing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadTestSpecTest {

  @Test
  void aSpecAimedAtAnotherUrlKeepsEveryOtherTargetSetting() {
    Target target = new Target("https://shop.example", Map.of("Accept", "application/json"),
        List.of(new SecretHeader("Authorization", new SecretHeader.SecretKeyRef("token", "value"))), "2s",
        new Http(HttpVersion.HTTP_2, 8), new Tls(true), new Tracing("1%", "https://jaeger.example/trace/{traceId}"));
    LoadTestSpec spec = new LoadTestSpec(target, List.of(), null, null, null, null, null, null, null);

    Target moved = spec.withTargetUrl("http://127.0.0.1:8080").target();

    assertEquals(new Target("http://127.0.0.1:8080", target.headers(), target.secretHeaders(), target.timeout(),
        target.http(), target.tls(), target.tracing()), moved);
  }
}
