package dev.headroom.har;

import static dev.headroom.har.Exchange.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.headroom.plan.Durations;
import dev.headroom.plan.Think;
import org.junit.jupiter.api.Test;

class ThinkTimesTest {

  @Test
  void aPauseIsWrittenInTheShortestFormTheApiReadsBackExactly() {
    long[] ms = {100, 850, 1_000, 1_250, 12_340, 60_000, 100_500, 120_000, 5_430_010};
    String[] expected = {"100ms", "850ms", "1s", "1.25s", "12.34s", "1m", "100.5s", "2m", "5430.01s"};
    for (int i = 0; i < ms.length; i++) {
      String text = ThinkTimes.format(ms[i]);
      assertEquals(expected[i], text);
      assertEquals(ms[i], Durations.parse(text).toMillis(), text);
    }
  }

  @Test
  void theGapFromOneAnswerToTheNextRequestIsRoundedToTenMillisecondsFromAHundredOn() {
    HarEntry first = get("https://a.example/").at(0, 130).entry(0);

    assertEquals(Think.fixed("1.25s"), ThinkTimes.between(first, get("https://a.example/").at(1_384, 5).entry(1)));
    assertEquals(Think.fixed("100ms"), ThinkTimes.between(first, get("https://a.example/").at(230, 5).entry(1)));
    assertNull(ThinkTimes.between(first, get("https://a.example/").at(229, 5).entry(1)));
    assertNull(ThinkTimes.between(first, get("https://a.example/").at(50, 5).entry(1)), "sent in parallel");
  }
}
