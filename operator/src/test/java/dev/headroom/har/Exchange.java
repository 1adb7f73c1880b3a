package dev.headroom.har;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One recorded exchange, written a line at a time, for tests of the import's logic. */
final class Exchange {

  static final Instant START = Instant.parse("2024-05-14T09:00:00Z");

  private final String method;
  private final String url;
  private final List<HarEntry.Header> headers = new ArrayList<>();
  private final List<HarEntry.Header> answerHeaders = new ArrayList<>();
  private String body;
  private int status = 200;
  private String mime = "application/json";
  private String answer;
  private String resourceType;
  private long startMs = -1;
  private long timeMs = 10;

  private Exchange(String method, String url) {
    this.method = method;
    this.url = url;
  }

  static Exchange get(String url) {
    return new Exchange("GET", url);
  }

  static Exchange post(String url, String body) {
    Exchange e = new Exchange("POST", url);
    e.body = body;
    return e;
  }

  static Exchange send(String method, String url) {
    return new Exchange(method, url);
  }

  private Exchange with(Runnable change) {
    change.run();
    return this;
  }

  Exchange header(String name, String value) {
    return with(() -> headers.add(new HarEntry.Header(name, value)));
  }

  Exchange answer(String mimeType, String text) {
    return with(() -> {
      mime = mimeType;
      answer = text;
    });
  }

  Exchange json(String text) {
    return answer("application/json", text);
  }

  Exchange answerHeader(String name, String value) {
    return with(() -> answerHeaders.add(new HarEntry.Header(name, value)));
  }

  Exchange status(int code) {
    return with(() -> status = code);
  }

  Exchange resourceType(String type) {
    return with(() -> resourceType = type);
  }

  /** Starts {@code start} ms after {@link #START} and lasts {@code time} ms; by default one after another, 10 ms each. */
  Exchange at(long start, long time) {
    return with(() -> {
      startMs = start;
      timeMs = time;
    });
  }

  HarEntry entry(int index) {
    long start = startMs >= 0 ? startMs : index * 20L;
    return new HarEntry(index, START.plusMillis(start), timeMs,
        new HarEntry.Request(method, url, List.copyOf(headers), body),
        new HarEntry.Response(status, List.copyOf(answerHeaders), mime, answer), resourceType);
  }

  static List<HarEntry> entries(Exchange... exchanges) {
    List<HarEntry> out = new ArrayList<>();
    for (int i = 0; i < exchanges.length; i++) {
      out.add(exchanges[i].entry(i));
    }
    return out;
  }

  /** All of them kept, as the import keeps one host's requests. */
  static List<HarFilter.Kept> kept(Exchange... exchanges) {
    return HarFilter.select(entries(exchanges), null, true, "test.har").kept();
  }
}
