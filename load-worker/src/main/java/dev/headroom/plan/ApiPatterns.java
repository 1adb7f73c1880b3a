package dev.headroom.plan;

/**
 * Regular expressions the {@code LoadTest} CRD checks strings against, so the API server refuses
 * the plainly malformed before the operator sees it. {@link PlanValidator} stays the authority:
 * each pattern accepts everything it accepts (and may accept more), and carries the anchors the
 * API server needs because it matches a pattern anywhere in the value.
 */
public final class ApiPatterns {

  /** What {@link Durations#parse} reads: {@code 0}, or number-and-unit parts ({@code 1m30s}). */
  public static final String DURATION = "^(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h))+)$";

  /** An absolute http(s) URL with a host and no query or fragment, as {@link Endpoint#of} takes. */
  public static final String URL = "^https?://[^/?#]+[^?#]*$";

  /** {@link PlanValidator#REQUEST_NAME}, anchored. */
  public static final String REQUEST_NAME = "^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$";

  /** One of {@link PlanValidator#METHODS}. */
  public static final String METHOD = "^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$";

  /** Starts with {@code /}; no spaces, control characters or {@code #}. */
  public static final String PATH = "^/[^\\x00-\\x20\\x7f#]*$";

  /** An HTTP header name (an RFC 9110 token). */
  public static final String HEADER_NAME = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

  private ApiPatterns() {}
}
