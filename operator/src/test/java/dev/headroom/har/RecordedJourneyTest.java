package dev.headroom.har;

import static dev.headroom.har.Exchange.get;
import static dev.headroom.har.Exchange.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.PlanValidator;
import dev.headroom.plan.Step;
import dev.headroom.plan.StepRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordedJourneyTest {

  private static RecordedJourney journey(Exchange... exchanges) {
    return RecordedJourney.of(HarFilter.select(Exchange.entries(exchanges), null, false, "t.har"), "t.har");
  }

  private static List<StepRequest> requests(RecordedJourney journey) {
    return journey.steps().stream().map(Step::request).filter(r -> r != null).toList();
  }

  @Test
  void aCredentialNoAnswerHandedOutBecomesASecretHeaderAndIsWrittenNowhere() {
    RecordedJourney journey = journey(
        get("https://api.example/me").header("Authorization", "Basic YWxpY2U6czNjcjN0").header("Accept", "*/*"),
        get("https://api.example/orders").header("Authorization", "Basic YWxpY2U6czNjcjN0").header("Accept", "*/*"));

    assertEquals(List.of("Authorization"), journey.secretHeaders());
    assertTrue(requests(journey).stream().allMatch(r -> r.headers() == null), requests(journey).toString());
    assertTrue(!journey.toString().contains("YWxpY2U6czNjcjN0"), journey.toString());
  }

  @Test
  void aBearerTokenAnEarlierAnswerHandedOutIsAStepHeaderWithItsVariable() {
    RecordedJourney journey = journey(
        post("https://api.example/login", "{}").json("{\"access_token\":\"eyJ0eXAiOiJKV1Qi.x9\"}"),
        get("https://api.example/orders").header("authorization", "Bearer eyJ0eXAiOiJKV1Qi.x9"));

    assertEquals(List.of(), journey.secretHeaders());
    assertEquals(Map.of("Authorization", "Bearer ${accessToken}"), requests(journey).get(1).headers());
  }

  @Test
  void headersEveryStepSendsAlikeMoveToTheTargetAndTheRestStayWithTheirStep() {
    RecordedJourney journey = journey(
        post("https://api.example/orders", "{}").header("Accept", "application/json")
            .header("Content-Type", "application/json").header("X-Tenant", "acme").header("User-Agent", "Mozilla/5.0")
            .json("{\"id\":\"order-000042\"}"),
        get("https://api.example/orders/order-000042").header("Accept", "application/json").header("X-Tenant", "acme")
            .header("Idempotency-Key", "k1").header("X-Order", "order-000042").header("Accept-Language", "de"));

    assertEquals(Map.of("Accept", "application/json", "X-Tenant", "acme"), journey.targetHeaders());
    assertEquals(Map.of("Content-Type", "application/json"), requests(journey).get(0).headers());
    assertEquals(Map.of("X-Order", "${id}"), requests(journey).get(1).headers());
    assertEquals("/orders/${id}", requests(journey).get(1).path());
  }

  @Test
  void pausesBetweenRequestsAreThinkStepsAndWhatToCheckIsSaid() {
    RecordedJourney journey = journey(
        post("https://api.example/login", "user=bob&password=hunter22").at(0, 100),
        get("https://api.example/missing").status(404).at(1_600, 10));

    assertEquals("1.5s", journey.steps().get(1).think().duration());
    assertEquals(List.of(
            "post-login sends a password in its body, copied as recorded: put a test account's there",
            "get-missing was answered 404 in the recording; the run counts that as an error unless the step's"
                + " expectStatus lists it"),
        journey.warnings());
    assertNull(requests(journey).get(0).capture());
  }

  @Test
  void aRecordingLongerThanAJourneyHoldsIsRefusedWithItsCounts() {
    Exchange[] many = new Exchange[PlanValidator.MAX_STEPS / 2 + 1];
    for (int i = 0; i < many.length; i++) {
      many[i] = get("https://api.example/page/" + i).at(i * 1_000L, 10);
    }
    HarException e = assertThrows(HarException.class, () -> journey(many));
    assertEquals("t.har makes 51 requests and 50 pauses for https://api.example; a journey holds at most 100 steps:"
        + " record a shorter flow, or pick another host with --host", e.getMessage());
  }
}
