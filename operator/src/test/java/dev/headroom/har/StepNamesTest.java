package dev.headroom.har;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.plan.PlanValidator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepNamesTest {

  /** The names one journey's requests get, each given as {@code METHOD path}. */
  private static List<String> names(String... requests) {
    StepNames names = new StepNames();
    return Arrays.stream(requests).map(r -> names.next(r.substring(0, r.indexOf(' ')), r.substring(r.indexOf(' ') + 1)))
        .toList();
  }

  @Test
  void aNameIsTheMethodAndTheLastSegmentThatNamesSomething() {
    assertEquals(
        List.of("post-login", "get-cart", "get-orders", "get-products", "get-root", "get-caf-au-lait.html"),
        names("POST /api/login", "GET /api/cart/${cartId}", "GET /orders/12345", "GET /products/9f86d081-884c?page=2",
            "GET /", "GET /menu/Caf%C3%A9%20au%20lait.html"));
  }

  @Test
  void repeatsAreNumberedAndLongNamesCutToAValidName() {
    String segment = "/a-" + "b".repeat(80);
    List<String> names = names("GET /cart", "GET /cart/${cartId}", "GET /cart", "GET " + segment, "GET " + segment);

    assertEquals(List.of("get-cart", "get-cart-2", "get-cart-3"), names.subList(0, 3));
    assertEquals(PlanValidator.MAX_NAME_LENGTH, names.get(3).length());
    assertTrue(names.get(4).endsWith("-2") && names.get(4).length() <= PlanValidator.MAX_NAME_LENGTH, names.get(4));
    assertTrue(PlanValidator.REQUEST_NAME.matcher(names.get(4)).matches(), names.get(4));
  }
}
