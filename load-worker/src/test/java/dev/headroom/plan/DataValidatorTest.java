package dev.headroom.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** spec.data, and templates naming its columns: each mistake refused at its field. */
class DataValidatorTest {

  private static final Target TARGET = new Target("http://127.0.0.1:8080", null, null, null, null, null, null);
  private static final Load OPEN = new Load(null, null, List.of(new Stage("30s", 10.0, null, null, null)));
  private static final DataSet.KeyRef USERS_CM = new DataSet.KeyRef("shop-users", "users.csv");

  private static Plan plan(String body, DataSet... data) {
    Scenario s = new Scenario("login", 1, List.of(Step.of(new StepRequest("login", "POST", "/login", null, body, null,
        null))));
    return Plan.ofScenarios(TARGET, List.of(s), OPEN).withData(Arrays.asList(data));
  }

  private static DataSet users(DataSet.KeyRef cm, DataSet.KeyRef secret, String file) {
    return new DataSet("users", cm, secret, file, DataSet.Order.Unique);
  }

  private static List<String> problems(Plan plan, DataColumns columns) {
    return PlanValidator.validate(plan, "spec", columns).stream().map(Problem::toString).toList();
  }

  private static final DataColumns NAME_AND_PASSWORD = set -> Optional.of(List.of("name", "password"));

  @Test
  void aTemplateNamingADeclaredSetsColumnsIsValid() {
    assertEquals(List.of(), problems(plan("{\"u\":\"${users.name}\",\"p\":\"${users.password}\"}",
        users(USERS_CM, null, null)), NAME_AND_PASSWORD));
    assertEquals(List.of(), problems(plan("${users.nmae}", users(USERS_CM, null, null)), DataColumns.UNKNOWN),
        "columns unknown here: the worker checks them when it loads the rows");
  }

  @Test
  void aColumnTheCsvLacksIsRefusedAtTheTemplateNamingTheColumns() {
    assertEquals(List.of("spec.scenarios[0].steps[0].request.body: data set 'users' has no column 'nmae' (its"
            + " columns: name, password)"),
        problems(plan("${users.nmae}", users(USERS_CM, null, null)), NAME_AND_PASSWORD));
  }

  @Test
  void anUndeclaredSetIsRefusedListingTheDeclaredOnes() {
    assertEquals(List.of("spec.scenarios[0].steps[0].request.body: unknown data set 'user' in '${user.name}'"
            + " (spec.data declares: users)"),
        problems(plan("${user.name}", users(USERS_CM, null, null)), NAME_AND_PASSWORD));
  }

  @Test
  void aSetNeedsExactlyOneWellFormedSource() {
    assertEquals(List.of("spec.data[0]: needs a source: set exactly one of configMapKeyRef, secretKeyRef or file"),
        problems(plan("x", users(null, null, null)), NAME_AND_PASSWORD));
    assertEquals(List.of("spec.data[0]: takes its rows from one source: set exactly one of configMapKeyRef,"
            + " secretKeyRef or file"),
        problems(plan("x", users(USERS_CM, null, "users.csv")), NAME_AND_PASSWORD));
    assertEquals(List.of("spec.data[0].secretKeyRef.key: required"),
        problems(plan("x", users(null, new DataSet.KeyRef("creds", null), null)), NAME_AND_PASSWORD));
  }

  @Test
  void aSourceThatCannotBeReadIsRefusedAtItsField() {
    DataColumns missing = set -> {
      throw new IllegalArgumentException("no ConfigMap loadtests/shop-users");
    };
    assertEquals(List.of("spec.data[0].configMapKeyRef: no ConfigMap loadtests/shop-users"),
        problems(plan("${users.name}", users(USERS_CM, null, null)), missing));
  }

  @Test
  void namesAreTemplateNamesUniqueAndNotBuiltIns() {
    DataSet twice = new DataSet("users", USERS_CM, null, null, null);
    assertEquals(List.of("spec.data[1].name: 'users' is already the name of spec.data[0].name"),
        problems(plan("x", twice, twice), NAME_AND_PASSWORD));
    assertEquals(List.of("spec.data[0].name: 'uuid' is a built-in placeholder; choose another name"),
        problems(plan("x", new DataSet("uuid", USERS_CM, null, null, null)), NAME_AND_PASSWORD));
    assertEquals(List.of("spec.data[0].name: 'shop-users' is not a name templates can use (letters, digits and _,"
            + " not starting with a digit)"),
        problems(plan("x", new DataSet("shop-users", USERS_CM, null, null, null)), NAME_AND_PASSWORD));
  }

  @Test
  void dataWithIndependentRequestsIsRefused() {
    Plan requests = new Plan(TARGET, List.of(new RequestSpec("home", "GET", "/", null, null, null, null)), null, OPEN,
        List.of(users(USERS_CM, null, null)));
    assertEquals(List.of("spec.data: only with spec.scenarios: independent requests have no templates to read rows"
        + " into"), problems(requests, NAME_AND_PASSWORD));
  }

  @Test
  void theDefaultOrderIsSequential() {
    assertEquals(DataSet.Order.Sequential, new DataSet("u", USERS_CM, null, null, null).orderOrDefault());
  }
}
