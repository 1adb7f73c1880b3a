package dev.headroom.e2e.kubelet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet API on HTTPS with a self-signed certificate made at start (the API server is not
 * told a kubelet CA, so it does not verify it): {@code GET /healthz} and
 * {@code GET /containerLogs/{namespace}/{pod}/{container}} with {@code tailLines}, {@code limitBytes},
 * {@code previous} and {@code follow}, which is what {@code kubectl logs} goes through.
 */
final class KubeletServer {

  private static final Logger LOG = LoggerFactory.getLogger(KubeletServer.class);
  private static final long FOLLOW_POLL_MILLIS = 100;

  private final HttpsServer server;
  private final ExecutorService executor;
  private final PodManager pods;

  private KubeletServer(HttpsServer server, ExecutorService executor, PodManager pods) {
    this.server = server;
    this.executor = executor;
    this.pods = pods;
  }

  /** Listens on 127.0.0.1:{@code port} with a new certificate kept in {@code stateDir}. */
  static KubeletServer start(int port, Path stateDir, String nodeName, PodManager pods) throws IOException {
    SSLContext tls = selfSigned(stateDir, nodeName);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    // follow=true holds a thread for as long as a client reads; keep the pool unbounded.
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "kubelet-api");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    KubeletServer kubelet = new KubeletServer(server, executor, pods);
    server.createContext("/healthz", exchange -> kubelet.text(exchange, 200, "ok"));
    server.createContext("/containerLogs/", kubelet::containerLogs);
    server.start();
    LOG.info("kubelet API on https://127.0.0.1:{}", port);
    return kubelet;
  }

  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void containerLogs(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] parts = exchange.getRequestURI().getPath().substring("/containerLogs/".length()).split("/");
      if (!"GET".equals(exchange.getRequestMethod()) || parts.length != 3) {
        text(exchange, 404, "expected GET /containerLogs/{namespace}/{pod}/{container}");
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      Optional<PodWorker> pod = pods.find(parts[0], parts[1]);
      if (pod.isEmpty()) {
        text(exchange, 404, "pod " + parts[0] + "/" + parts[1] + " is not on this node");
        return;
      }
      Optional<ContainerLogs> logs = pod.get().logs(parts[2]);
      if (logs.isEmpty()) {
        text(exchange, 404, "container " + parts[2] + " is not valid for pod " + parts[1]);
        return;
      }
      boolean previous = "true".equals(query.get("previous"));
      Optional<Path> file = logs.get().file(previous);
      if (file.isEmpty()) {
        text(exchange, 400, previous
            ? "previous terminated container \"" + parts[2] + "\" in pod \"" + parts[1] + "\" not found"
            : "container \"" + parts[2] + "\" in pod \"" + parts[1] + "\" is waiting to start");
        return;
      }
      int tailLines = intParam(query, "tailLines", -1);
      long limitBytes = intParam(query, "limitBytes", -1);
      boolean follow = "true".equals(query.get("follow")) && !previous;
      send(exchange, file.get(), tailLines, limitBytes, follow ? logs.get() : null);
    }
  }

  private static void send(HttpExchange exchange, Path file, int tailLines, long limitBytes, ContainerLogs following)
      throws IOException {
    byte[] existing = Files.readAllBytes(file);
    int from = LogTail.start(existing, tailLines);
    long budget = limitBytes > 0 ? limitBytes : Long.MAX_VALUE;
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if (following == null) {
      int length = (int) Math.min(existing.length - from, budget);
      exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
      if (length > 0) {
        exchange.getResponseBody().write(existing, from, length);
      }
      return;
    }
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    int first = (int) Math.min(existing.length - from, budget);
    out.write(existing, from, first);
    out.flush();
    budget -= first;
    long position = existing.length;
    byte[] buffer = new byte[8192];
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      while (budget > 0) {
        boolean running = following.isRunning();
        in.seek(position);
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, budget));
        if (n > 0) {
          out.write(buffer, 0, n);
          out.flush();
          position += n;
          budget -= n;
        } else if (!running) {
          return;
        } else {
          TimeUnit.MILLISECONDS.sleep(FOLLOW_POLL_MILLIS); // a log file gives no event when it grows
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.debug("log follower went away: {}", e.getMessage());
    }
  }

  private void text(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
    return params;
  }

  private static int intParam(Map<String, String> query, String name, int fallback) {
    try {
      return query.containsKey(name) ? Integer.parseInt(query.get(name)) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** A PKCS#12 key store with a new self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
  private static SSLContext selfSigned(Path stateDir, String nodeName) throws IOException {
    Path store = stateDir.resolve("kubelet-serving.p12");
    char[] password = "headroom-kubelet".toCharArray();
    Files.deleteIfExists(store);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "kubelet",
        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
        "-dname", "CN=" + nodeName, "-ext", "SAN=IP:127.0.0.1,DNS:localhost,DNS:" + nodeName,
        "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", new String(password), "-keypass", new String(password))
        .redirectErrorStream(true).start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool could not make the kubelet certificate: " + output.trim());
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, password);
      }
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the kubelet certificate", e);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the kubelet certificate: " + e.getMessage(), e);
    }
  }
}
