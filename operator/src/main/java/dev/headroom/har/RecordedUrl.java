package dev.headroom.har;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recorded request's URL split the way a manifest needs it: the origin becomes {@code
 * spec.target.url}, the path and query a step's {@code path}. Read by hand rather than by {@link
 * java.net.URI}, which refuses characters browsers send unencoded (such as {@code |} or {@code {}).
 *
 * @param authority {@code host} or {@code host:port}, as recorded (any user info dropped)
 * @param host lower case, without the port
 * @param pathAndQuery starts with {@code /}; without spaces, controls or {@code #}
 */
public record RecordedUrl(String scheme, String authority, String host, String pathAndQuery) {

  private static final Pattern HTTP = Pattern.compile("(?i)(https?)://([^/?#]+)([^#]*)(?:#.*)?");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** The URL's parts, or null when it is not http(s) (data:, blob:, ws:, extensions). */
  public static RecordedUrl parse(String url) {
    Matcher m = HTTP.matcher(url.strip());
    if (!m.matches()) {
      return null;
    }
    // User info is a credential: it must not reach the manifest.
    String authority = m.group(2).substring(m.group(2).lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    if (authority.isEmpty()) {
      return null;
    }
    String host = authority.startsWith("[")
        ? authority.substring(0, authority.indexOf(']') + 1)
        : authority.replaceFirst(":\\d*$", "");
    String rest = m.group(3);
    String path = rest.startsWith("/") ? rest : "/" + rest;
    return new RecordedUrl(m.group(1).toLowerCase(Locale.ROOT), authority, host, encode(path));
  }

  /** {@code scheme://authority}: the target URL. */
  public String origin() {
    return scheme + "://" + authority;
  }

  /** True when {@code name} is this URL's host, or its host and port (the scheme's default one too). */
  public boolean isHost(String name) {
    String port = authority.equals(host) ? (scheme.equals("https") ? ":443" : ":80") : "";
    return name.equalsIgnoreCase(host) || name.equalsIgnoreCase(authority + port);
  }

  /**
   * Percent-encodes what the validator refuses in a path (spaces, controls, {@code #}); other
   * characters, non-ASCII included, the engine encodes as it sends.
   */
  private static String encode(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (char c : path.toCharArray()) {
      if (c <= 0x20 || c == 0x7f || c == '#') {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
