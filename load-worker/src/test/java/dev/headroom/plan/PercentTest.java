package dev.headroom.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentTest {

  @Test
  void percentagesAndBareFractionsGiveTheFraction() {
    assertEquals(0.01, Percent.parse("1%"));
    assertEquals(0.005, Percent.parse("0.5%"));
    assertEquals(0.005, Percent.parse(" .5 % "));
    assertEquals(1.0, Percent.parse("100%"));
    assertEquals(0.01, Percent.parse("0.01"));
    assertEquals(0.0, Percent.parse("0"));
    assertEquals(-0.01, Percent.parse("-1%"));
  }

  @Test
  void anythingElseIsRejectedWithAMessageForTheUser() {
    String hint = " (write e.g. 1% or 0.5%, or a fraction like 0.01)";
    assertEquals("'one' is not a percentage" + hint, assertThrows(IllegalArgumentException.class, () -> Percent.parse("one")).getMessage());
    assertEquals("'1%%' is not a percentage" + hint, assertThrows(IllegalArgumentException.class, () -> Percent.parse("1%%")).getMessage());
    assertEquals("'NaN' is not a percentage" + hint, assertThrows(IllegalArgumentException.class, () -> Percent.parse("NaN")).getMessage());
    assertEquals("must be a percentage" + hint, assertThrows(IllegalArgumentException.class, () -> Percent.parse(null)).getMessage());
    assertEquals("'%' is not a percentage" + hint, assertThrows(IllegalArgumentException.class, () -> Percent.parse("%")).getMessage());
  }
}
