package dev.headroom.har;

import dev.headroom.plan.PlanValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks the entries of a recording that belong in the journey: those of one origin (a target
 * URL is one origin), without static assets unless asked, and only what can be sent again. A
 * page pulls in CDNs, analytics and fonts; load on those is someone else's, so it is dropped,
 * and counted so the user sees what was left out.
 */
public final class HarFilter {

  /** An entry kept, with its URL read. */
  public record Kept(HarEntry entry, RecordedUrl url) {}

  /**
   * @param origin {@code scheme://host[:port]} of every kept entry
   * @param otherOrigins entries skipped per other origin, in order of first appearance
   * @param notReplayable entries that are not http(s), use a method Headroom does not send, or got
   *     no answer
   */
  public record Selection(
      String origin, List<Kept> kept, int staticSkipped, Map<String, Integer> otherOrigins, int notReplayable) {}

  private static final Set<String> STATIC_EXTENSIONS = Set.of(
      "js", "mjs", "css", "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "avif",
      "woff", "woff2", "ttf", "otf", "eot", "map");
  private static final Set<String> STATIC_RESOURCE_TYPES = Set.of("script", "stylesheet", "image", "font", "media");

  private HarFilter() {}

  /**
   * @param host the host (or {@code host:port}) to keep; null for the host of the first entry
   *     that is not a static asset
   * @param name the recording's name, for messages
   */
  public static Selection select(List<HarEntry> entries, String host, boolean keepStatic, String name) {
    List<Kept> replayable = new ArrayList<>();
    for (HarEntry e : entries) {
      RecordedUrl url = RecordedUrl.parse(e.request().url());
      boolean sendable = PlanValidator.METHODS.contains(e.request().method().toUpperCase(Locale.ROOT));
      if (url != null && sendable && e.response().status() > 0) {
        replayable.add(new Kept(e, url));
      }
    }
    String origin = origin(replayable, host, keepStatic, name);
    List<Kept> kept = new ArrayList<>();
    Map<String, Integer> others = new LinkedHashMap<>();
    int staticSkipped = 0;
    for (Kept k : replayable) {
      if (!k.url().origin().equals(origin)) {
        others.merge(k.url().origin(), 1, Integer::sum);
      } else if (!keepStatic && isStatic(k)) {
        staticSkipped++;
      } else {
        kept.add(k);
      }
    }
    if (kept.isEmpty()) {
      throw new HarException(name + " has only static assets for " + origin + " (" + staticSkipped
          + "); import them with --keep-static, or pick another host with --host");
    }
    return new Selection(origin, kept, staticSkipped, others, entries.size() - replayable.size());
  }

  private static String origin(List<Kept> replayable, String host, boolean keepStatic, String name) {
    String wanted = host == null ? null : hostOf(host);
    for (Kept k : replayable) {
      boolean picked = wanted != null ? k.url().isHost(wanted) : keepStatic || !isStatic(k);
      if (picked) {
        return k.url().origin();
      }
    }
    if (wanted == null) {
      throw new HarException(name + (replayable.isEmpty()
          ? " has no request that can be sent again (http(s), a method Headroom sends, an answer)"
          : " has only static assets; import them with --keep-static"));
    }
    String hosts = replayable.stream()
        .collect(Collectors.groupingBy(k -> k.url().authority(), LinkedHashMap::new, Collectors.counting()))
        .entrySet().stream().map(h -> h.getKey() + " (" + h.getValue() + ")").collect(Collectors.joining(", "));
    throw new HarException(name + " has no requests for host " + host
        + (hosts.isEmpty() ? "" : "; it has requests for " + hosts));
  }

  /** What a user may paste: a host, {@code host:port}, or a whole URL. */
  private static String hostOf(String given) {
    RecordedUrl url = RecordedUrl.parse(given);
    return url == null ? given.strip() : url.authority();
  }

  private static boolean isStatic(Kept k) {
    String mime = k.entry().response().mimeType().toLowerCase(Locale.ROOT);
    if (mime.startsWith("image/") || mime.startsWith("font/") || mime.startsWith("audio/") || mime.startsWith("video/")
        || mime.startsWith("text/css") || mime.contains("javascript") || mime.contains("ecmascript")
        || mime.contains("font")) {
      return true;
    }
    String path = k.url().pathAndQuery().replaceFirst("\\?.*", "");
    String last = path.substring(path.lastIndexOf('/') + 1);
    int dot = last.lastIndexOf('.');
    return dot >= 0 && STATIC_EXTENSIONS.contains(last.substring(dot + 1).toLowerCase(Locale.ROOT))
        || k.entry().resourceType() != null && STATIC_RESOURCE_TYPES.contains(k.entry().resourceType());
  }
}
