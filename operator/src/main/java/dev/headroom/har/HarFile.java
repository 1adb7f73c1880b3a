package dev.headroom.har;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a HAR 1.2 recording (as Chromium's DevTools and Firefox save it) into {@link HarEntry}s
 * in the order they started. Fields an import does not need are passed over, so the browsers'
 * own additions ({@code _initiator}, {@code _priority}) never stop a read; what it does need
 * missing or malformed is a {@link HarException} naming the entry.
 */
public final class HarFile {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private HarFile() {}

  /** The entries of {@code file}, by start time. */
  public static List<HarEntry> read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return entries(MAPPER.readTree(in), file.toString());
    } catch (NoSuchFileException e) {
      throw new HarException("cannot read " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new HarException("cannot read " + file + ": permission denied");
    } catch (JsonProcessingException e) {
      throw notJson(file.toString(), e);
    } catch (IOException e) {
      throw new HarException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The entries of a recording given as text; {@code name} says where it came from in messages. */
  public static List<HarEntry> parse(String json, String name) {
    try {
      return entries(MAPPER.readTree(json), name);
    } catch (JsonProcessingException e) {
      throw notJson(name, e);
    }
  }

  private static HarException notJson(String name, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    return new HarException(name + " is not JSON" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
  }

  private static List<HarEntry> entries(JsonNode root, String name) {
    JsonNode entries = root == null ? null : root.path("log").path("entries");
    if (entries == null || !entries.isArray()) {
      throw new HarException(name + " is not a HAR file: it has no log.entries list");
    }
    if (entries.isEmpty()) {
      throw new HarException(name + " holds no requests: log.entries is empty");
    }
    List<HarEntry> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      out.add(entry(entries.get(i), i, name + ": log.entries[" + i + "]"));
    }
    // Browsers write entries roughly in order; the journey must follow the clock exactly.
    out.sort(Comparator.comparing(HarEntry::started));
    return out;
  }

  private static HarEntry entry(JsonNode e, int index, String where) {
    String startedText = text(e, "startedDateTime", where);
    Instant started;
    try {
      started = OffsetDateTime.parse(startedText).toInstant();
    } catch (DateTimeParseException ex) {
      throw new HarException(where + ".startedDateTime: '" + startedText + "' is not a date and time (ISO 8601)");
    }
    JsonNode request = e.path("request");
    JsonNode response = e.path("response");
    JsonNode content = response.path("content");
    String body = request.path("postData").path("text").isTextual() ? request.path("postData").path("text").asText() : null;
    return new HarEntry(
        index,
        started,
        e.path("time").asDouble(0),
        new HarEntry.Request(text(request, "method", where + ".request"), text(request, "url", where + ".request"),
            headers(request), body),
        new HarEntry.Response(response.path("status").asInt(0), headers(response),
            content.path("mimeType").asText(""), responseBody(content)),
        e.path("_resourceType").isTextual() ? e.path("_resourceType").asText() : null);
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new HarException(where + "." + field + ": required (a HAR entry's " + field + " text)");
    }
    return value.asText();
  }

  private static List<HarEntry.Header> headers(JsonNode message) {
    List<HarEntry.Header> out = new ArrayList<>();
    for (JsonNode h : message.path("headers")) {
      if (h.path("name").isTextual() && h.path("value").isTextual()) {
        out.add(new HarEntry.Header(h.path("name").asText(), h.path("value").asText()));
      }
    }
    return out;
  }

  /** The answer's text; browsers base64-encode what they took for binary, JSON included at times. */
  private static String responseBody(JsonNode content) {
    if (!content.path("text").isTextual()) {
      return null;
    }
    String text = content.path("text").asText();
    if (!"base64".equals(content.path("encoding").asText())) {
      return text;
    }
    try {
      return new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
