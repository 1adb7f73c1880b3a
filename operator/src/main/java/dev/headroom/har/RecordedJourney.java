package dev.headroom.har;

import dev.headroom.plan.Capture;
import dev.headroom.plan.PlanValidator;
import dev.headroom.plan.Step;
import dev.headroom.plan.StepRequest;
import dev.headroom.plan.Think;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The journey a recording shows, as steps: each kept request with the headers that matter and
 * the values earlier answers handed out as {@code ${variables}}, and the user's pauses between
 * them. Headers every request sent alike move to the target, so each step shows only what is
 * its own.
 *
 * @param secretHeaders credentials sent as recorded, which become secret headers of the target
 * @param warnings what the user should look at before running it
 */
public record RecordedJourney(
    String origin,
    List<Step> steps,
    Map<String, String> targetHeaders,
    List<String> secretHeaders,
    List<DynamicValues.Captured> captured,
    List<String> warnings) {

  private static final Pattern PASSWORD =
      Pattern.compile("(?i)(\"(password|passwd|pwd)\"\\s*:|(^|&)(password|passwd|pwd)=)");

  /** A request step before its headers are split between it and the target. */
  private record Draft(Think thinkBefore, String name, String method, String path, Map<String, String> headers,
      String body, List<Capture> captures) {}

  /** @param name the recording's name, for messages */
  public static RecordedJourney of(HarFilter.Selection selection, String name) {
    List<HarFilter.Kept> kept = selection.kept();
    if (kept.size() > PlanValidator.MAX_REQUESTS) {
      throw tooLong(name, selection, kept.size() + " requests");
    }
    DynamicValues values = DynamicValues.find(kept);
    StepNames names = new StepNames();
    Set<String> secrets = new LinkedHashSet<>();
    List<String> warnings = new ArrayList<>();
    List<Draft> drafts = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      HarEntry entry = kept.get(i).entry();
      String path = values.template(kept.get(i).url().pathAndQuery(), i);
      String method = entry.request().method().toUpperCase(Locale.ROOT);
      String stepName = names.next(method, path);
      Map<String, String> headers = headers(entry, values, i, secrets);
      String body = entry.request().body() == null || entry.request().body().isEmpty()
          ? null : values.template(entry.request().body(), i);
      warnings.addAll(warnings(stepName, entry));
      Think think = i == 0 ? null : ThinkTimes.between(kept.get(i - 1).entry(), entry);
      drafts.add(new Draft(think, stepName, method, path, headers, body, values.capturesAt(i)));
    }
    String session = sessionCookies(kept, drafts);
    if (session != null) {
      warnings.add(session);
    }
    Map<String, String> shared = shared(drafts);
    List<Step> steps = new ArrayList<>();
    for (Draft d : drafts) {
      if (d.thinkBefore() != null) {
        steps.add(Step.of(d.thinkBefore()));
      }
      d.headers().keySet().removeAll(shared.keySet());
      steps.add(Step.of(new StepRequest(d.name(), d.method(), d.path(), d.headers().isEmpty() ? null : d.headers(),
          d.body(), null, d.captures().isEmpty() ? null : d.captures())));
    }
    if (steps.size() > PlanValidator.MAX_STEPS) {
      throw tooLong(name, selection, kept.size() + " requests and " + (steps.size() - kept.size()) + " pauses");
    }
    return new RecordedJourney(selection.origin(), steps, shared, List.copyOf(secrets), values.all(), warnings);
  }

  /** The headers the step sends; credentials sent as recorded go to {@code secrets} instead. */
  private static Map<String, String> headers(HarEntry entry, DynamicValues values, int position, Set<String> secrets) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : HeaderRules.candidates(entry.request().headers()).entrySet()) {
      String value = values.template(h.getValue(), position);
      HeaderRules.Kind kind = HeaderRules.kind(h.getKey());
      if (kind == HeaderRules.Kind.SECRET && !HeaderRules.onlyCaptured(value)) {
        secrets.add(h.getKey());
      } else if (kind != HeaderRules.Kind.KEPT_IF_CAPTURED || HeaderRules.carriesCaptured(value)) {
        headers.put(h.getKey(), value);
      }
    }
    return headers;
  }

  private static HarException tooLong(String name, HarFilter.Selection selection, String what) {
    return new HarException(name + " makes " + what + " for " + selection.origin() + "; a journey holds at most "
        + PlanValidator.MAX_STEPS + " steps: record a shorter flow, or pick another host with --host");
  }

  /** Headers every step sends with the same plain value: the target's, not each step's. */
  private static Map<String, String> shared(List<Draft> drafts) {
    Map<String, String> shared = new LinkedHashMap<>(drafts.get(0).headers());
    shared.values().removeIf(v -> v.contains("$"));
    for (Draft d : drafts) {
      shared.entrySet().removeIf(h -> !h.getValue().equals(d.headers().get(h.getKey())));
    }
    return shared;
  }

  /**
   * Says so when a request sends back cookies an earlier answer set: the session then lives in a
   * cookie, and a journey keeps none, so every user would send the recorded session's.
   */
  private static String sessionCookies(List<HarFilter.Kept> kept, List<Draft> drafts) {
    Map<String, String> setBy = new LinkedHashMap<>();
    for (int i = 0; i < kept.size(); i++) {
      HarEntry entry = kept.get(i).entry();
      List<String> resent = cookieNames(entry.request().headers(), "cookie", ";").stream()
          .filter(setBy::containsKey).map(c -> c + " (set by " + setBy.get(c) + ")").toList();
      if (!resent.isEmpty()) {
        return "cookie " + String.join(", ", resent) + " came from an answer, but journeys keep no cookies: every"
            + " user sends the recorded one, from the Secret";
      }
      for (String cookie : cookieNames(entry.response().headers(), "set-cookie", "\n")) {
        setBy.putIfAbsent(cookie, drafts.get(i).name());
      }
    }
    return null;
  }

  private static Set<String> cookieNames(List<HarEntry.Header> headers, String header, String separator) {
    Set<String> names = new LinkedHashSet<>();
    for (HarEntry.Header h : headers) {
      if (h.name().equalsIgnoreCase(header)) {
        for (String cookie : h.value().split(separator)) {
          String name = cookie.strip().replaceFirst("[=;].*", "");
          if (!name.isEmpty()) {
            names.add(name);
          }
        }
      }
    }
    return names;
  }

  private static List<String> warnings(String step, HarEntry entry) {
    List<String> out = new ArrayList<>();
    if (entry.response().status() >= 400) {
      out.add(step + " was answered " + entry.response().status() + " in the recording; the run counts that as an"
          + " error unless the step's expectStatus lists it");
    }
    if (entry.request().body() != null && PASSWORD.matcher(entry.request().body()).find()) {
      out.add(step + " sends a password in its body, copied as recorded: put a test account's there");
    }
    return out;
  }
}
