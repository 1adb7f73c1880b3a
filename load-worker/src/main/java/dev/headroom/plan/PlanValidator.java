package dev.headroom.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a {@link Plan} against the API's rules and reports every problem, not just the first,
 * each at its field's path. One validator serves the operator (a {@code LoadTest}'s spec, prefix
 * {@code spec}), the CLI, and the worker reading {@code plan.json} (no prefix). A plan with no
 * problems is safe to {@link ExecutionPlan#compile}.
 */
public final class PlanValidator {

  /**
   * Request names key status entries, per-request thresholds and report columns, so they are
   * kept to lower-case letters, digits, {@code - _ .}, starting and ending with a letter or
   * digit, at most {@value #MAX_NAME_LENGTH} characters: safe in labels, keys and file names,
   * and easy to loosen later should users need more.
   */
  public static final Pattern REQUEST_NAME = Pattern.compile("[a-z0-9]([-a-z0-9_.]*[a-z0-9])?");

  public static final int MAX_NAME_LENGTH = 63;
  public static final int MAX_CONNECTIONS = 10_000;
  /**
   * Each request and each stage gets its own results in the status and the results ConfigMap,
   * whose size Kubernetes caps (about 1 MiB): these keep both well inside it.
   */
  public static final int MAX_REQUESTS = 100;
  public static final int MAX_STAGES = 100;
  /** Each scenario has its journey results in the status, as each request has its own. */
  public static final int MAX_SCENARIOS = 20;
  public static final int MAX_STEPS = 100;
  public static final int MAX_CAPTURES = 20;
  public static final int MAX_DATA_SETS = 10;

  /** {@link WeightedMix} holds one slot per unit of weight; weights are relative anyway. */
  public static final int MAX_TOTAL_WEIGHT = 100_000;

  public static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0a-\\x1f\\x7f]");
  private static final Pattern NOT_IN_PATH = Pattern.compile("[\\x00-\\x20\\x7f#]");

  private final Problems problems = new Problems();
  private final DataColumns columns;

  private PlanValidator(DataColumns columns) {
    this.columns = columns;
  }

  /**
   * Every problem of {@code plan}, with paths under {@code pathPrefix} ({@code "spec"} gives
   * {@code spec.load.stages[0].rate}; null or empty gives {@code load.stages[0].rate}). Data set
   * columns are not checked.
   */
  public static List<Problem> validate(Plan plan, String pathPrefix) {
    return validate(plan, pathPrefix, DataColumns.UNKNOWN);
  }

  /** As {@link #validate(Plan, String)}, reading data sets' header rows with {@code columns}. */
  public static List<Problem> validate(Plan plan, String pathPrefix, DataColumns columns) {
    return new PlanValidator(columns).plan(plan, FieldPath.of(pathPrefix), true);
  }

  /**
   * As {@link #validate}, for a plan whose rate something else sets (a capacity search): {@code
   * load} may be absent and its stages are not checked.
   */
  public static List<Problem> validateWithoutStages(Plan plan, String pathPrefix, DataColumns columns) {
    return new PlanValidator(columns).plan(plan, FieldPath.of(pathPrefix), false);
  }

  private List<Problem> plan(Plan plan, FieldPath at, boolean withStages) {
    if (problems.required(at, plan)) {
      target(plan.target(), at.field("target"));
      Map<String, Optional<List<String>>> data =
          new DataValidator(problems).data(plan.data(), plan.scenarios() != null, at.field("data"), columns);
      if (plan.scenarios() == null) {
        requests(plan.requests(), at.field("requests"));
      } else if (plan.requests() != null) {
        problems.add(at.field("scenarios"), "not allowed with requests: list independent requests or scenarios (journeys), not both");
      } else {
        new ScenarioValidator(this, problems, data).scenarios(plan.scenarios(), at.field("scenarios"));
        journeyTransport(plan.target(), at.field("target"));
      }
      if (withStages) {
        if (problems.required(at.field("load"), plan.load())) {
          load(plan.load(), at.field("load"), true);
        }
      } else if (plan.load() != null) {
        load(plan.load(), at.field("load"), false);
      }
    }
    return problems.list();
  }

  private void target(Target target, FieldPath at) {
    if (!problems.required(at, target)) {
      return;
    }
    if (problems.required(at.field("url"), target.url())) {
      try {
        Endpoint.of(target.url(), false);
      } catch (IllegalArgumentException e) {
        problems.add(at.field("url"), e.getMessage());
      }
    }
    headers(target.headers(), at.field("headers"));
    List<SecretHeader> secretHeaders = target.secretHeaders();
    for (int i = 0; secretHeaders != null && i < secretHeaders.size(); i++) {
      secretHeader(secretHeaders.get(i), at.field("secretHeaders").index(i));
    }
    problems.positiveDuration(at.field("timeout"), target.timeout());
    if (target.http() != null) {
      problems.between(at.field("http").field("connections"), target.http().connections(), 1, MAX_CONNECTIONS);
    }
    if (target.tracing() != null) {
      tracing(target, at.field("tracing"));
    }
  }

  /**
   * What journeys cannot run with yet, refused here so that every plan this validator passes is one
   * the worker runs as written.
   */
  private void journeyTransport(Target target, FieldPath at) {
    if (target == null) {
      return;
    }
    if (target.http() != null && target.http().version() == HttpVersion.HTTP_2) {
      problems.add(at.field("http").field("version"), "journeys (spec.scenarios) run on HTTP/1.1 only in this"
          + " version of Headroom; remove version or set HTTP/1.1");
    }
    if (target.tracing() != null) {
      problems.add(at.field("tracing"), "not with spec.scenarios yet: journey steps carry no trace context in this"
          + " version of Headroom");
    }
  }

  private void tracing(Target target, FieldPath at) {
    Tracing tracing = target.tracing();
    if (problems.required(at.field("sampling"), tracing.sampling())) {
      try {
        double share = tracing.fraction();
        if (share <= 0 || share > 1) {
          problems.add(at.field("sampling"), "must be above 0 and at most 100%, got '" + tracing.sampling() + "'");
        }
      } catch (IllegalArgumentException e) {
        problems.add(at.field("sampling"), e.getMessage());
      }
    }
    String link = tracing.link();
    if (link != null && (!link.contains(Tracing.TRACE_ID) || !link.matches("^https?://[^/?#\\s]+\\S*$"))) {
      problems.add(at.field("link"),
          "must be an http(s) URL with " + Tracing.TRACE_ID + " where the trace id goes, got '" + link + "'");
    }
    boolean ownHeader = target.headers() != null
        && target.headers().keySet().stream().anyMatch(Tracing.HEADER::equalsIgnoreCase);
    if (ownHeader) {
      problems.add(at, "target.headers already sets " + Tracing.HEADER + ": remove one of the two");
    }
  }

  private void secretHeader(SecretHeader header, FieldPath at) {
    if (!problems.required(at, header)) {
      return;
    }
    if (problems.required(at.field("name"), header.name()) && !TOKEN.matcher(header.name()).matches()) {
      problems.add(at.field("name"), notAHeaderName(header.name()));
    }
    FieldPath ref = at.field("secretKeyRef");
    if (problems.required(ref, header.secretKeyRef())) {
      problems.required(ref.field("name"), header.secretKeyRef().name());
      problems.required(ref.field("key"), header.secretKeyRef().key());
    }
  }

  private void headers(Map<String, String> headers, FieldPath at) {
    if (headers == null) {
      return;
    }
    headers.forEach(
        (name, value) -> {
          if (!TOKEN.matcher(name).matches()) {
            problems.add(at, notAHeaderName(name));
          } else if (FRAMING.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            problems.add(at.field(name), "is set by Headroom from the body; remove it");
          } else if (value == null) {
            problems.add(at.field(name), "must have a value");
          } else if (CONTROL.matcher(value).find()) {
            problems.add(at.field(name), "must not contain line breaks or other control characters");
          }
        });
  }

  /** Headers that frame the message: the transport writes them, a second copy would corrupt it. */
  private static final java.util.Set<String> FRAMING = java.util.Set.of("content-length", "transfer-encoding");

  private static String notAHeaderName(String name) {
    return "'" + name + "' is not a valid header name (use letters, digits and !#$%&'*+-.^_`|~)";
  }

  private void requests(List<RequestSpec> requests, FieldPath at) {
    if (requests == null) {
      problems.add(at, "required: list requests, or scenarios for journeys");
      return;
    }
    if (requests.isEmpty()) {
      problems.add(at, "must list at least one request");
      return;
    }
    if (requests.size() > MAX_REQUESTS) {
      problems.add(at, "lists " + requests.size() + " requests; at most " + MAX_REQUESTS
          + " (each has its own results in the status)");
      return;
    }
    Map<String, Integer> firstByName = new HashMap<>();
    long totalWeight = 0;
    boolean allWeightsKnown = true;
    for (int i = 0; i < requests.size(); i++) {
      RequestSpec r = requests.get(i);
      FieldPath ri = at.index(i);
      if (!problems.required(ri, r)) {
        allWeightsKnown = false;
        continue;
      }
      name(r.name(), ri.field("name"), firstByName, at, i);
      request(r, ri);
      int weight = r.weight() == null ? 1 : r.weight();
      if (weight < 0) {
        problems.add(ri.field("weight"), "must be >= 0");
        allWeightsKnown = false;
      } else {
        totalWeight += weight;
      }
    }
    if (allWeightsKnown && totalWeight == 0) {
      problems.add(at, "total weight must be > 0 (give at least one request a weight above 0)");
    } else if (totalWeight > MAX_TOTAL_WEIGHT) {
      problems.add(at, "total weight must be at most " + MAX_TOTAL_WEIGHT + " (weights are relative: 90 and 10 mix like 9 and 1)");
    }
  }

  /** The rules a request of the mix and a journey's request share: all but name and weight. */
  void request(RequestSpec r, FieldPath ri) {
    if (r.method() != null && !METHODS.contains(r.method())) {
      problems.add(ri.field("method"), "must be one of " + String.join(", ", METHODS) + ", got '" + r.method() + "'");
    }
    path(r.path(), ri.field("path"));
    headers(r.headers(), ri.field("headers"));
    List<Integer> statuses = r.expectStatus();
    for (int s = 0; statuses != null && s < statuses.size(); s++) {
      Integer status = statuses.get(s);
      if (status == null || status < 100 || status > 599) {
        problems.add(ri.field("expectStatus").index(s), "must be an HTTP status code from 100 to 599");
      }
    }
  }

  /** The rule for request and scenario names (they key status entries alike). */
  boolean validName(String name, FieldPath at, String what) {
    if (name.length() > MAX_NAME_LENGTH || !REQUEST_NAME.matcher(name).matches()) {
      problems.add(at, "'" + name + "' is not a valid " + what + " name (lower-case letters, digits, '-', '_' and '.', "
          + "starting and ending with a letter or digit, at most " + MAX_NAME_LENGTH + " characters)");
      return false;
    }
    return true;
  }

  static boolean isHeaderName(String name) {
    return TOKEN.matcher(name).matches();
  }

  static boolean hasControlCharacters(String value) {
    return CONTROL.matcher(value).find();
  }

  static String headerNameProblem(String name) {
    return notAHeaderName(name);
  }

  private void name(String name, FieldPath at, Map<String, Integer> firstByName, FieldPath requests, int index) {
    if (!problems.required(at, name)) {
      return;
    }
    validName(name, at, "request");
    Integer first = firstByName.putIfAbsent(name, index);
    if (first != null) {
      problems.add(at, "'" + name + "' is already the name of " + requests.index(first));
    }
  }

  private void path(String path, FieldPath at) {
    if (path == null) {
      return;
    }
    if (!path.startsWith("/")) {
      problems.add(at, "must start with /");
    } else if (NOT_IN_PATH.matcher(path).find()) {
      problems.add(at, "must not contain spaces, control characters or '#' (percent-encode them, e.g. %20)");
    }
  }

  private void load(Load load, FieldPath at, boolean withStages) {
    problems.duration(at.field("warmup"), load.warmup());
    if (!withStages) {
      return;
    }
    List<Stage> stages = load.stages();
    if (stages == null || stages.isEmpty()) {
      problems.add(at.field("stages"), "must list at least one stage");
      return;
    }
    if (stages.size() > MAX_STAGES) {
      problems.add(at.field("stages"), "lists " + stages.size() + " stages; at most " + MAX_STAGES
          + " (each has its own results in the status)");
      return;
    }
    LoadModel model = load.model() == null ? LoadModel.Open : load.model();
    for (int i = 0; i < stages.size(); i++) {
      FieldPath si = at.field("stages").index(i);
      if (problems.required(si, stages.get(i))) {
        stage(stages.get(i), si, model);
      }
    }
  }

  private void stage(Stage stage, FieldPath at, LoadModel model) {
    if (problems.required(at.field("duration"), stage.duration())) {
      problems.positiveDuration(at.field("duration"), stage.duration());
    }
    if (model == LoadModel.Open) {
      String why = "with the Open model (users and thinkTime are for the Closed model)";
      problems.absent(at.field("users"), stage.users(), why);
      problems.absent(at.field("thinkTime"), stage.thinkTime(), why);
      if (stage.rate() == null) {
        problems.add(at.field("rate"), "required with the Open model");
      } else {
        problems.positive(at.field("rate"), stage.rate());
      }
      problems.notNegative(at.field("rampTo"), stage.rampTo());
    } else {
      String why = "with the Closed model (rate and rampTo are for the Open model)";
      problems.absent(at.field("rate"), stage.rate(), why);
      problems.absent(at.field("rampTo"), stage.rampTo(), why);
      if (stage.users() == null) {
        problems.add(at.field("users"), "required with the Closed model");
      } else if (stage.users() < 1) {
        problems.add(at.field("users"), "must be >= 1");
      }
      problems.duration(at.field("thinkTime"), stage.thinkTime());
    }
  }
}
