package dev.headroom.har;

import dev.headroom.plan.ApiPatterns;
import dev.headroom.plan.Template;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which recorded request headers reach the manifest, and how. A browser sends a dozen headers the
 * server never acts on (its identity, caches, fetch metadata); copied, they would only make the
 * manifest hard to read. Credentials are never copied: they become secret headers, unless the
 * recording shows the server handing them out, when a capture carries them instead.
 */
final class HeaderRules {

  /** What becomes of a header. */
  enum Kind {
    /** Transport, browser or cache noise: never written. */
    DROPPED,
    /** A credential: written only as captured values, else as a secret header. */
    SECRET,
    /** Shapes the answer (content negotiation, the application's own headers): written. */
    KEPT,
    /** Written only when it carries a value an earlier answer handed out. */
    KEPT_IF_CAPTURED
  }

  private static final Set<String> DROPPED = Set.of(
      "host", "connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer",
      "transfer-encoding", "upgrade", "content-length", "user-agent", "accept-encoding", "origin", "referer",
      "dnt", "pragma", "cache-control", "upgrade-insecure-requests", "priority", "purpose", "if-none-match",
      "if-modified-since", "x-client-data", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip");
  private static final Pattern CREDENTIAL = Pattern.compile("authorization|cookie|.*(token|secret|auth|api-?key|session|password|credential).*");
  private static final Pattern HEADER_NAME = Pattern.compile(ApiPatterns.HEADER_NAME);
  /** What may stand beside captured values in a credential: its scheme. */
  private static final Pattern SCHEME_ONLY = Pattern.compile("(?i)\\s*(bearer|token|basic|jwt)?\\s*");

  private HeaderRules() {}

  static Kind kind(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith(":") || n.startsWith("sec-") || DROPPED.contains(n)) {
      return Kind.DROPPED;
    }
    if (CREDENTIAL.matcher(n).matches()) {
      return Kind.SECRET;
    }
    return n.equals("content-type") || n.equals("accept") || n.startsWith("x-") ? Kind.KEPT : Kind.KEPT_IF_CAPTURED;
  }

  /**
   * The headers of a request that may reach the manifest, by canonical name ({@code
   * Content-Type}; HTTP/2 recordings write them in lower case), repeats joined as HTTP allows.
   */
  static Map<String, String> candidates(List<HarEntry.Header> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    for (HarEntry.Header h : headers) {
      // A browser never sends what the validator refuses; a hand-edited recording may, and loses it.
      boolean wellFormed = HEADER_NAME.matcher(h.name()).matches()
          && h.value().chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
      if (wellFormed && kind(h.name()) != Kind.DROPPED) {
        String separator = h.name().equalsIgnoreCase("cookie") ? "; " : ", ";
        out.merge(canonical(h.name()), h.value().strip(), (a, b) -> a + separator + b);
      }
    }
    return out;
  }

  /** {@code x-csrf-token} as {@code X-Csrf-Token}: one spelling, so a step's header overrides the target's. */
  static String canonical(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = true;
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      out.append(upper ? Character.toUpperCase(c) : c);
      upper = c == '-';
    }
    return out.toString();
  }

  /** True when a templated value holds a value an earlier answer handed out. */
  static boolean carriesCaptured(String templated) {
    return !Template.parse(templated).variables().isEmpty();
  }

  /** True when a credential's templated value is captured values and at most a scheme word. */
  static boolean onlyCaptured(String templated) {
    StringBuilder literal = new StringBuilder();
    boolean captured = false;
    for (Template.Part part : Template.parse(templated).parts()) {
      if (part instanceof Template.Literal l) {
        literal.append(l.text());
      } else {
        captured = true;
      }
    }
    return captured && SCHEME_ONLY.matcher(literal).matches();
  }
}
