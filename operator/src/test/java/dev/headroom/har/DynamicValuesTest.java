package dev.headroom.har;

import static dev.headroom.har.Exchange.get;
import static dev.headroom.har.Exchange.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.Capture;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamicValuesTest {

  private static final String TOKEN = "tK3nQ8vZr1Lw9YbP4sXe";

  @Test
  void aJsonValueOfAnAnswerSentBackLaterIsCapturedByItsStepAndTemplatedAfter() {
    DynamicValues values = DynamicValues.find(Exchange.kept(
        post("https://shop.example/login", "{}").json("{\"data\":{\"token\":\"" + TOKEN + "\"}}"),
        get("https://shop.example/me").header("Authorization", "Bearer " + TOKEN)));

    assertEquals(List.of(Capture.json("token", "$.data.token")), values.capturesAt(0));
    assertEquals(List.of(), values.capturesAt(1));
    assertEquals("Bearer ${token}", values.template("Bearer " + TOKEN, 1));
    assertEquals("Bearer " + TOKEN, values.template("Bearer " + TOKEN, 0), "not before the answer that carries it");
  }

  @Test
  void aValueTheBrowserSentBeforeAnyAnswerHadItIsTheUsersNotTheServers() {
    DynamicValues values = DynamicValues.find(Exchange.kept(
        post("https://shop.example/login", "{\"user\":\"alice-2024\"}").json("{\"user\":\"alice-2024\"}"),
        get("https://shop.example/users/alice-2024")));

    assertEquals(List.of(), values.all());
  }

  @Test
  void wordsAndShortNumbersThatMerelyRecurAreNotMistakenForIdentifiers() {
    DynamicValues values = DynamicValues.find(Exchange.kept(
        get("https://shop.example/a").json("{\"status\":\"complete\",\"count\":1234,\"type\":\"application/json\"}"),
        post("https://shop.example/b", "{\"status\":\"complete\",\"count\":1234}")
            .header("Content-Type", "application/json")));

    assertEquals(List.of(), values.all());
    assertTrue(DynamicValues.looksDynamic("12345678"));
    assertTrue(DynamicValues.looksDynamic("AbCdEfGhIjKlMnOp"), "mixed case, long: a token without digits");
    assertFalse(DynamicValues.looksDynamic("abcdefghijklmnopq"));
    assertFalse(DynamicValues.looksDynamic("1234567"));
    assertFalse(DynamicValues.looksDynamic("ord 12345678"));
  }

  @Test
  void aResponseHeaderSuchAsLocationIsCapturedByName() {
    DynamicValues values = DynamicValues.find(Exchange.kept(
        post("https://shop.example/orders", "{}").status(201).answerHeader("location", "/orders/8f2e11d0")
            .answerHeader("date", "Tue, 14 May 2024 09:00:00 GMT"),
        get("https://shop.example/orders/8f2e11d0")));

    assertEquals(List.of(Capture.header("location", "Location")), values.capturesAt(0));
    assertEquals("${location}", values.template("/orders/8f2e11d0", 1));
  }

  @Test
  void variableNamesComeFromTheFieldAreValidAndUniqueAndAvoidTheBuiltIns() {
    DynamicValues values = DynamicValues.find(Exchange.kept(
        get("https://shop.example/a").json("{\"cart\":{\"id\":\"c-0001-aa\"},\"uuid\":\"0f8b1c7e-1\",\"1st-key\":"
            + "\"k-00000001\",\"odd/key\":[\"x-00000002\"],\"it's\":\"y-00000003\"}"),
        post("https://shop.example/b", "c-0001-aa 0f8b1c7e-1 k-00000001 x-00000002 y-00000003")));

    assertEquals(List.of(
            Capture.json("cartId", "$.cart.id"),
            Capture.json("uuid2", "$.uuid"),
            Capture.json("v1stKey", "$['1st-key']"),
            Capture.json("oddKey", "$['odd/key'][0]"),
            Capture.json("itS", "/it's")),
        values.capturesAt(0));
  }

  @Test
  void aTemplateKeepsLiteralPlaceholdersLiteralAndTakesTheLongestValue() {
    DynamicValues values = DynamicValues.find(Exchange.kept(
        get("https://shop.example/a").json("{\"short\":\"abc12345\",\"long\":\"abc12345-678\"}"),
        post("https://shop.example/b", "abc12345-678 abc12345")));

    assertEquals("${long} ${short} $${HOME} $abc12345", values.template("abc12345-678 abc12345 ${HOME} $abc12345", 1));
  }

  @Test
  void aStepCapturesAtMostWhatTheValidatorAllows() {
    StringBuilder json = new StringBuilder("{");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"value-").append(1000 + i).append('"');
      body.append("value-").append(1000 + i).append(' ');
    }
    DynamicValues values = DynamicValues.find(Exchange.kept(
        get("https://shop.example/a").json(json.append('}').toString()),
        post("https://shop.example/b", body.toString())));

    assertEquals(20, values.capturesAt(0).size());
    assertTrue(values.template(body.toString(), 1).endsWith("${f19} value-1020 value-1021 value-1022 value-1023 value-1024 "));
  }
}
