package dev.headroom.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.api.v1alpha1.LoadTestSchedule;
import dev.headroom.plan.FieldPath;
import dev.headroom.plan.Problem;
import dev.headroom.plan.Problems;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Reads a {@code LoadTest} manifest (YAML, or JSON) and checks it, reporting every problem with
 * its field path instead of stopping at the first: syntax (with line and column), the document's
 * {@code apiVersion} and {@code kind}, unknown fields (with a suggestion when one is close), values
 * of the wrong type, and then everything {@link LoadTestValidator} checks. {@link #readAll} checks
 * {@code LoadTestSchedule} documents the same way. Bad input never ends in an exception.
 *
 * <p>Choices a user sees:
 *
 * <ul>
 *   <li>A file may hold several documents, as {@code kubectl apply -f} files often do (a Secret
 *       for {@code secretHeaders} beside the test): the one {@code LoadTest} among them is read
 *       and the rest ignored. No LoadTest, or more than one, is a problem.
 *   <li>{@code metadata.name} may be absent: {@code headroom run} needs no name, and the API
 *       server insists on one when the manifest is applied.
 *   <li>{@code status} is output; a manifest saved from {@code kubectl get -o yaml} has one, and
 *       it is ignored.
 * </ul>
 */
public final class ManifestReader {

  public static final String API_VERSION = HasMetadata.getApiVersion(LoadTest.class);
  public static final String KIND = HasMetadata.getKind(LoadTest.class);
  public static final String SCHEDULE_KIND = HasMetadata.getKind(LoadTestSchedule.class);

  /** A kind this reader checks: what to bind a document to, and the validator of that. */
  private record Kind<T extends HasMetadata>(Class<T> type, Function<T, List<Problem>> validator) {
    String name() {
      return HasMetadata.getKind(type);
    }
  }

  private static final Kind<LoadTest> LOAD_TEST = new Kind<>(LoadTest.class, lt -> LoadTestValidator.validate(lt.getSpec()));
  private static final Kind<LoadTestSchedule> SCHEDULE = new Kind<>(LoadTestSchedule.class, LoadTestValidator::validate);

  /** A document bound and checked: the resource when it is valid, else every problem (never both). */
  private record Checked<T>(T resource, List<Problem> problems) {}

  private ManifestReader() {}

  /** Reads and checks the manifest in {@code file}; a file that cannot be read is a problem too. */
  public static ReadResult read(Path file) {
    try {
      return parse(text(file));
    } catch (Unreadable e) {
      return ReadResult.invalid(List.of(e.problem));
    }
  }

  /** Reads and checks a manifest given as text. */
  public static ReadResult parse(String text) {
    Problems binding = new Problems();
    List<JsonNode> documents = ManifestDocuments.read(text, binding);
    JsonNode document = documents == null ? null : pickLoadTest(documents, binding);
    Checked<LoadTest> checked = check(LOAD_TEST, document, binding);
    return checked.problems().isEmpty() ? ReadResult.valid(checked.resource()) : ReadResult.invalid(checked.problems());
  }

  /**
   * One document of a file of several, as GitOps repositories hold them: a LoadTest or
   * LoadTestSchedule checked (the valid {@code resource}, or its {@code problems}), or another kind
   * passed over (neither).
   *
   * @param index from 1, as editors and {@code kubectl} number them
   * @param kind as written; a document without one is checked as a LoadTest
   */
  public record Document(int index, String kind, String name, HasMetadata resource, List<Problem> problems) {

    public Document {
      problems = List.copyOf(problems);
    }

    public boolean passedOver() {
      return resource == null && problems.isEmpty();
    }
  }

  /**
   * Every document of {@code file}: each LoadTest and LoadTestSchedule checked, other kinds
   * listed. A file that cannot be read, or is not YAML, is one problem at document 0.
   */
  public static List<Document> readAll(Path file) {
    String text;
    try {
      text = text(file);
    } catch (Unreadable e) {
      return List.of(new Document(0, null, null, null, List.of(e.problem)));
    }
    Problems problems = new Problems();
    List<JsonNode> documents = ManifestDocuments.read(text, problems);
    if (documents == null) {
      return List.of(new Document(0, null, null, null, problems.list()));
    }
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      JsonNode d = documents.get(i);
      String kind = d.path("kind").isTextual() ? d.path("kind").asText() : null;
      if (SCHEDULE_KIND.equals(kind)) {
        out.add(document(i + 1, SCHEDULE, d));
      } else if (KIND.equals(kind) || kind == null) {
        out.add(document(i + 1, LOAD_TEST, d));
      } else {
        out.add(new Document(i + 1, kind, nameOf(d), null, List.of()));
      }
    }
    return out;
  }

  private static <T extends HasMetadata> Document document(int index, Kind<T> kind, JsonNode d) {
    Checked<T> checked = check(kind, d, new Problems());
    String written = d.path("kind").isTextual() ? d.path("kind").asText() : null;
    return new Document(index, written, nameOf(d), checked.resource(), checked.problems());
  }

  private static String nameOf(JsonNode document) {
    JsonNode name = document.path("metadata").path("name");
    return name.isTextual() ? name.asText() : null;
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new Unreadable(file, "no such file");
    } catch (AccessDeniedException e) {
      throw new Unreadable(file, "permission denied");
    } catch (MalformedInputException e) {
      throw new Unreadable(file, "not UTF-8 text");
    } catch (IOException e) {
      throw new Unreadable(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** A file that could not be read, as the one problem to report. */
  private static final class Unreadable extends RuntimeException {
    final transient Problem problem;

    Unreadable(Path file, String why) {
      super(why, null, false, false);
      this.problem = new Problem("", "cannot read " + file + ": " + why);
    }
  }

  /**
   * {@code document} (null when there was none to pick; {@code binding} says why) bound as {@code
   * kind}, with the validator's problems after the binding's.
   */
  private static <T extends HasMetadata> Checked<T> check(Kind<T> kind, JsonNode document, Problems binding) {
    T resource = document == null ? null : bind(kind, document, binding);
    List<Problem> problems = new ArrayList<>(binding.list());
    if (resource != null) {
      // A field the binding already complained about was left unset; saying it is also
      // "required" would report one mistake twice.
      List<FieldPath> reported = problems.stream().map(p -> FieldPath.of(p.path())).toList();
      for (Problem p : kind.validator().apply(resource)) {
        if (reported.stream().noneMatch(r -> r.contains(p.path()))) {
          problems.add(p);
        }
      }
    }
    return problems.isEmpty() ? new Checked<>(resource, List.of()) : new Checked<>(null, problems);
  }

  /** The resource of one document with what could not be bound left unset, or null if none. */
  private static <T extends HasMetadata> T bind(Kind<T> kind, JsonNode document, Problems problems) {
    if (!document.isObject()) {
      problems.add(FieldPath.ROOT, "expected a " + kind.name() + " manifest (apiVersion, kind, metadata and spec), got "
          + (document.isArray() ? "a list" : "'" + document.asText() + "'"));
      return null;
    }
    expect(document, "apiVersion", API_VERSION, problems);
    expect(document, "kind", kind.name(), problems);
    ((ObjectNode) document).remove("status");
    ObjectReader reader = StrictMappers.YAML.readerFor(kind.type()).withHandler(new BindingProblems(problems));
    try {
      return reader.readValue(document);
    } catch (IOException e) {
      problems.add(JacksonPaths.of(e), ManifestDocuments.firstLine(e));
      return null;
    }
  }

  private static JsonNode pickLoadTest(List<JsonNode> documents, Problems problems) {
    if (documents.isEmpty()) {
      problems.add(FieldPath.ROOT, "the manifest is empty; expected a LoadTest");
      return null;
    }
    if (documents.size() == 1 && SCHEDULE_KIND.equals(documents.get(0).path("kind").asText())) {
      // Bound as a LoadTest, a schedule would also get a problem for each of its fields.
      problems.add(FieldPath.of("kind"), "must be " + KIND + ", got '" + SCHEDULE_KIND + "': a schedule's runs are"
          + " created by the operator; to run one here, put its spec.template.spec in a LoadTest");
      return null;
    }
    if (documents.size() == 1) {
      return documents.get(0);
    }
    List<Integer> loadTests =
        IntStream.range(0, documents.size()).filter(i -> KIND.equals(documents.get(i).path("kind").asText())).boxed().toList();
    if (loadTests.size() == 1) {
      return documents.get(loadTests.get(0));
    }
    if (loadTests.isEmpty()) {
      problems.add(FieldPath.ROOT, "none of the " + documents.size() + " documents is a LoadTest (kind: " + KIND + ")");
    } else {
      problems.add(FieldPath.ROOT, "documents " + loadTests.stream().map(i -> String.valueOf(i + 1)).toList()
          + " are all LoadTests; keep one LoadTest per file");
    }
    return null;
  }

  private static void expect(JsonNode document, String field, String expected, Problems problems) {
    JsonNode value = document.get(field);
    if (value != null && value.isContainerNode()) {
      return; // binding reports that it is not a string
    }
    if (value == null || value.isNull()) {
      problems.add(FieldPath.of(field), "required (" + expected + ")");
    } else if (!expected.equals(value.asText())) {
      problems.add(FieldPath.of(field), "must be " + expected + ", got '" + value.asText() + "'");
    }
  }
}
