package dev.headroom.worker.http;

/** Character classes of HTTP/1.1 (RFC 9110) shared by the encoder and the parser. */
final class HttpSyntax {

  private static final boolean[] TCHAR = tokenChars();

  private HttpSyntax() {}

  /** Whether {@code c} may appear in a token: a method or a header name. */
  static boolean isTokenChar(int c) {
    return c >= 0 && c < TCHAR.length && TCHAR[c];
  }

  private static boolean[] tokenChars() {
    boolean[] t = new boolean[256];
    for (int c = '0'; c <= '9'; c++) {
      t[c] = true;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      t[c] = true;
      t[c - 32] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      t[c] = true;
    }
    return t;
  }
}
