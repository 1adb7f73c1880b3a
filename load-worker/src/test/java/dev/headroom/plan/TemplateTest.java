package dev.headroom.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.Template.JourneyNumber;
import dev.headroom.plan.Template.Literal;
import dev.headroom.plan.Template.RandomInt;
import dev.headroom.plan.Template.Uuid;
import dev.headroom.plan.Template.Variable;
import dev.headroom.plan.Template.WorkerIndex;
import dev.headroom.worker.WireJson;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void aTemplateIsParsedOnceIntoLiteralAndPlaceholderParts() {
    Template t = Template.parse("/u/${workerIndex}-${journey}/${uuid}?n=${ randomInt(-5, 10) }&t=${token}${token}!");

    assertEquals(
        List.of(new Literal("/u/"), new WorkerIndex(), new Literal("-"), new JourneyNumber(), new Literal("/"),
            new Uuid(), new Literal("?n="), new RandomInt(-5, 10), new Literal("&t="), new Variable("token"),
            new Variable("token"), new Literal("!")),
        t.parts());
    assertEquals(Set.of("token"), t.variables());
    assertFalse(t.isLiteral());
  }

  @Test
  void textWithoutPlaceholdersIsOneLiteralSoItCanBeEncodedOnce() {
    assertTrue(Template.parse("/products?page=1&$x={y}").isLiteral());
    assertEquals(List.of(new Literal("price: $5, ${literal}")), Template.parse("price: $5, $${literal}").parts());
    assertEquals(List.of(), Template.parse("").parts());
  }

  @Test
  void malformedPlaceholdersSayWhatIsWrong() {
    assertEquals("'${' at character 1 is not closed by '}'",
        assertThrows(IllegalArgumentException.class, () -> Template.parse("a${b")).getMessage());
    assertEquals("'${randomInt(1,x)}' must be written randomInt(min,max) with whole numbers",
        assertThrows(IllegalArgumentException.class, () -> Template.parse("${randomInt(1,x)}")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Template.parse("${}"));
  }

  @Test
  void jsonPathsCompileToThePointerAStreamingScanFollows() {
    assertEquals("/items/0/id", CaptureSource.json("$.items[0].id").pointer().toString());
    assertEquals("/a~1b/c", CaptureSource.json("$['a/b'].c").pointer().toString());
    assertEquals("/token", CaptureSource.json("/token").pointer().toString());
  }

  @Test
  void aPlanWithScenariosReadsFromTheWireAsWritten() throws Exception {
    String json = """
        {"target": {"url": "http://127.0.0.1:8080"},
         "scenarios": [{"name": "checkout", "weight": 3, "steps": [
           {"request": {"name": "login", "method": "POST", "path": "/login",
                        "capture": [{"var": "token", "json": "$.token", "default": "none"}]}},
           {"think": {"min": "500ms", "max": "2s"}},
           {"request": {"name": "cart", "headers": {"Authorization": "Bearer ${token}"}}}]}],
         "load": {"stages": [{"duration": "10s", "rate": 5}]}}
        """;
    Plan plan = WireJson.MAPPER.readValue(json, Plan.class);

    Scenario checkout = plan.scenarios().get(0);
    assertEquals(Capture.json("token", "$.token").withDefault("none"), checkout.steps().get(0).request().capture().get(0));
    assertEquals(Think.uniform("500ms", "2s"), checkout.steps().get(1).think());
    assertEquals(null, plan.requests());
    assertEquals(plan, WireJson.MAPPER.readValue(WireJson.MAPPER.writeValueAsString(plan), Plan.class),
        "the operator writes plan.json with the same mapper");
  }
}
