package dev.headroom.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Runs one probe once: httpGet (2xx/3xx succeeds; HTTPS is not verified, as in Kubernetes), tcpSocket or exec. */
final class ProbeCheck {

  /** What one probe attempt found. */
  record Result(boolean success, String message) {
  }

  private final HttpClient http;

  ProbeCheck() {
    this.http = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(trustAll())
        .build();
  }

  Result run(Probe probe, Container container, String podIp, Map<String, String> env, Path workDir) {
    Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : Math.max(1, probe.getTimeoutSeconds()));
    try {
      if (probe.getHttpGet() != null) {
        return httpGet(probe.getHttpGet(), container, podIp, timeout);
      }
      if (probe.getTcpSocket() != null) {
        String host = probe.getTcpSocket().getHost() == null ? podIp : probe.getTcpSocket().getHost();
        int port = port(probe.getTcpSocket().getPort(), container);
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
          return new Result(true, "");
        }
      }
      if (probe.getExec() != null) {
        return exec(probe.getExec().getCommand(), env, workDir, timeout);
      }
      return new Result(false, "only httpGet, tcpSocket and exec probes are supported by the process kubelet");
    } catch (IOException | IllegalArgumentException e) {
      return new Result(false, e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted");
    }
  }

  private Result httpGet(HTTPGetAction action, Container container, String podIp, Duration timeout)
      throws IOException, InterruptedException {
    String scheme = action.getScheme() == null ? "http" : action.getScheme().toLowerCase(Locale.ROOT);
    String host = action.getHost() == null || action.getHost().isEmpty() ? podIp : action.getHost();
    String path = action.getPath() == null || action.getPath().isEmpty() ? "/" : action.getPath();
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    URI uri = URI.create(scheme + "://" + host + ":" + port(action.getPort(), container) + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
        .header("User-Agent", "kube-probe/headroom");
    if (action.getHttpHeaders() != null) {
      for (HTTPHeader header : action.getHttpHeaders()) {
        request.header(header.getName(), header.getValue());
      }
    }
    HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    int status = response.statusCode();
    return status >= 200 && status < 400
        ? new Result(true, "")
        : new Result(false, "HTTP probe failed with statuscode: " + status);
  }

  private static Result exec(List<String> command, Map<String, String> env, Path workDir, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
        .directory(workDir.toFile())
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] output = process.getInputStream().readNBytes(4096);
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      return new Result(false, "command timed out after " + timeout.toSeconds() + "s");
    }
    return process.exitValue() == 0
        ? new Result(true, "")
        : new Result(false, "command exited with " + process.exitValue() + ": " + new String(output).trim());
  }

  /** A probe port: a number, or the name of one of the container's ports. */
  static int port(IntOrString port, Container container) {
    if (port == null) {
      throw new IllegalArgumentException("probe has no port");
    }
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    String name = port.getStrVal();
    if (container.getPorts() != null) {
      for (ContainerPort p : container.getPorts()) {
        if (name.equals(p.getName())) {
          return p.getContainerPort();
        }
      }
    }
    throw new IllegalArgumentException("no container port named " + name);
  }

  private static SSLContext trustAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, new SecureRandom());
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("no TLS context", e);
    }
  }
}
