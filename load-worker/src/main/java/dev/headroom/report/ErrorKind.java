package dev.headroom.report;

/**
 * Why a request failed. An unexpected HTTP status is not one of these: it is reported as
 * {@code status_NNN} so each status keeps its own count.
 */
public enum ErrorKind {
  /** No complete response within the timeout, counted from the intended send time. */
  TIMEOUT("timeout"),
  /** The connection could not be opened (refused, unreachable, TLS handshake). */
  CONNECT("connect"),
  /** The connection was closed or reset before the response was complete. */
  RESET("reset"),
  /** Every connection was busy and the wait queue was full: never sent. */
  OVERLOAD("overload"),
  /** Anything else, such as a malformed response. */
  OTHER("other"),
  /**
   * A journey step's answer lacked a value a capture takes (and the capture has no default), or
   * the value could not go in a header: the journey ends, since later steps need it.
   */
  CAPTURE("capture"),
  /**
   * A journey could not start: the Unique rows of a data set it reads had run out. Its first
   * request is counted with this kind and never sent.
   */
  DATA("data");

  private final String key;

  ErrorKind(String key) {
    this.key = key;
  }

  /** The key in {@link RequestInterval#errors()}. */
  public String key() {
    return key;
  }

  public static String statusKey(int status) {
    return "status_" + status;
  }
}
