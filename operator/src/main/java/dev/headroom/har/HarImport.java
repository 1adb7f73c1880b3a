package dev.headroom.har;

import dev.headroom.plan.Capture;
import dev.headroom.plan.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A recording turned into a {@code LoadTest} manifest, with what the user must know about it:
 * what was left out, what was captured, what to check, which Secret to create.
 *
 * @param notes lines for the user, in the order to read them
 */
public record HarImport(String name, String yaml, List<String> notes) {

  private static final int LISTED_CAPTURES = 10;

  /**
   * @param file the recording: its file name names the test, and messages name it as given
   * @param host the host to keep (or null for the first one that is not a static asset)
   * @throws HarException when nothing in the recording makes a journey
   */
  public static HarImport of(List<HarEntry> entries, Path file, String host, boolean keepStatic) {
    HarFilter.Selection selection = HarFilter.select(entries, host, keepStatic, file.toString());
    RecordedJourney journey = RecordedJourney.of(selection, file.toString());
    String name = ManifestWriter.nameFor(file.getFileName().toString());
    String yaml = ManifestWriter.yaml(name, journey);
    List<String> notes = new ArrayList<>();
    int requests = requests(journey.steps()).size();
    notes.add(selection.origin() + ": journey " + name + " of " + count(requests, "request") + " and "
        + count(journey.steps().size() - requests, "pause"));
    String skipped = skipped(selection);
    if (!skipped.isEmpty()) {
      notes.add("skipped " + skipped);
    }
    if (!journey.captured().isEmpty()) {
      notes.add("captured " + captured(journey));
    }
    notes.addAll(journey.warnings());
    if (!journey.secretHeaders().isEmpty()) {
      notes.addAll(secretNotes(name, journey.secretHeaders()));
    }
    return new HarImport(name, yaml, notes);
  }

  private static String skipped(HarFilter.Selection selection) {
    List<String> parts = new ArrayList<>();
    if (selection.staticSkipped() > 0) {
      parts.add(count(selection.staticSkipped(), "static asset") + " (--keep-static keeps them)");
    }
    if (!selection.otherOrigins().isEmpty()) {
      int others = selection.otherOrigins().values().stream().mapToInt(Integer::intValue).sum();
      parts.add(count(others, "request") + " to other hosts (pick one with --host): " + selection.otherOrigins().entrySet()
          .stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")));
    }
    if (selection.notReplayable() > 0) {
      parts.add(count(selection.notReplayable(), "request") + " that cannot be sent again (not http(s), a method Headroom does not"
          + " send, or no answer)");
    }
    return String.join("; ", parts);
  }

  private static String captured(RecordedJourney journey) {
    List<String> stepNames = requests(journey.steps()).stream().map(s -> s.request().name()).toList();
    List<String> each = journey.captured().stream()
        .map(c -> c.capture().var() + " (" + source(c.capture()) + " of " + stepNames.get(c.position()) + ")")
        .toList();
    // A paging flow captures one id per page: the first few show the pattern, the manifest has the rest.
    return each.size() <= LISTED_CAPTURES ? String.join(", ", each)
        : String.join(", ", each.subList(0, LISTED_CAPTURES)) + " and " + (each.size() - LISTED_CAPTURES) + " more";
  }

  private static String source(Capture c) {
    return c.json() != null ? c.json() : "header " + c.header();
  }

  /** Which Secret to create, without the values: they belong in no terminal scroll-back or CI log. */
  private static List<String> secretNotes(String name, List<String> headers) {
    String secret = ManifestWriter.secretName(name);
    String literals = headers.stream()
        .map(h -> "--from-literal=" + ManifestWriter.secretKey(h) + "='<" + h + " value>'")
        .collect(Collectors.joining(" "));
    return List.of(
        String.join(" and ", headers) + (headers.size() == 1 ? " is" : " are") + " sent from Secret " + secret
            + " with every request, never copied. Create it before applying:",
        "  kubectl create secret generic " + secret + " " + literals,
        "  (headroom run: --secret-dir DIR, with each value in DIR/" + secret + "/<key>)");
  }

  private static String count(int n, String thing) {
    return n + " " + thing + (n == 1 ? "" : "s");
  }

  /** The request steps, in order: the think steps between them left out. */
  private static List<Step> requests(List<Step> steps) {
    return steps.stream().filter(s -> s.request() != null).toList();
  }
}
