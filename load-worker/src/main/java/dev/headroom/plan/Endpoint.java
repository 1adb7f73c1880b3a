package dev.headroom.plan;

import java.net.URI;

/**
 * Where connections go, parsed once from {@code target.url}.
 *
 * @param basePath the URL's path without a trailing slash; request paths are appended to it
 * @param hostHeader the {@code Host} header value ({@code host} or {@code host:port})
 */
public record Endpoint(boolean tls, String host, int port, String basePath, String hostHeader, boolean insecureSkipVerify) {

  /** @throws IllegalArgumentException when the URL is not an absolute http(s) URL with a host */
  public static Endpoint of(String url, boolean insecureSkipVerify) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("'" + url + "' must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("'" + url + "' has no host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("'" + url + "' must not have a query or fragment; put them in request paths");
    }
    boolean tls = scheme.equals("https");
    int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
    String host = uri.getHost();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String hostHeader = uri.getPort() == -1 ? host : host + ":" + port;
    return new Endpoint(tls, host, port, path, hostHeader, insecureSkipVerify);
  }
}
