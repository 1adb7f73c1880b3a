package dev.headroom.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.headroom.plan.FieldPath;
import dev.headroom.plan.Problems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** The documents of a manifest file as trees, or why the text is not YAML (or JSON). */
final class ManifestDocuments {

  private ManifestDocuments() {}

  /**
   * The non-empty documents of {@code text}, or null after reporting why there are none. JSON is
   * YAML, except that YAML forbids the tabs JSON files are often indented with, so text that
   * looks like JSON and is not YAML is read as JSON, and its errors are JSON's.
   */
  static List<JsonNode> read(String text, Problems problems) {
    try {
      Problems aliases = new Problems();
      List<JsonNode> documents = readAll(StrictMappers.YAML, text, aliases);
      problems.addAll(aliases.list());
      return aliases.list().isEmpty() ? documents : null;
    } catch (IOException yamlError) {
      if (!text.stripLeading().startsWith("{")) {
        report(yamlError, "YAML", problems);
        return null;
      }
      try {
        return readAll(StrictMappers.JSON, text, problems);
      } catch (IOException jsonError) {
        report(jsonError, "JSON", problems);
        return null;
      }
    }
  }

  /** Each document's tree; not {@code readValues}, which would take a top-level list for many. */
  private static List<JsonNode> readAll(ObjectMapper mapper, String text, Problems aliases) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (JsonParser parser = new AliasReporter(mapper.createParser(text), aliases)) {
      while (parser.nextToken() != null) {
        JsonNode document = mapper.readTree(parser);
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    }
    return documents;
  }

  /**
   * Jackson reads a YAML alias ({@code *name}) as the text {@code name}, not as the anchored value
   * it stands for, so an alias is reported where it is used rather than misread.
   */
  private static final class AliasReporter extends JsonParserDelegate {

    private final Problems problems;

    AliasReporter(JsonParser parser, Problems problems) {
      super(parser);
      this.problems = problems;
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = super.nextToken();
      if (delegate instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
        problems.add(JacksonPaths.ofValue(this), "YAML aliases (*" + getText() + ") are not supported; write the value out");
      }
      return token;
    }
  }

  private static void report(IOException e, String format, Problems problems) {
    if (e instanceof MismatchedInputException) {
      // Any text is a valid tree, so reading one fails this way only on a repeated key, which
      // YAML would otherwise resolve silently to the last value.
      problems.add(JacksonPaths.of(e), "given twice; keep one");
    } else if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark();
      problems.add(FieldPath.ROOT, "not valid YAML: " + yaml.getProblem() + at(mark.getLine() + 1, mark.getColumn() + 1));
    } else {
      JsonLocation location = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
      String where = location == null || location.getLineNr() < 1 ? "" : at(location.getLineNr(), location.getColumnNr());
      problems.add(FieldPath.ROOT, "not valid " + format + ": " + firstLine(e) + where);
    }
  }

  private static String at(int line, int column) {
    return " (line " + line + ", column " + column + ")";
  }

  /** Jackson's message without its location and source excerpt. */
  static String firstLine(IOException e) {
    String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
