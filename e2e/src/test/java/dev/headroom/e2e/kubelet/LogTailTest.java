package dev.headroom.e2e.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogTailTest {

  private static String tail(String log, int lines) {
    byte[] data = log.getBytes(StandardCharsets.UTF_8);
    return new String(data, LogTail.start(data, lines), data.length - LogTail.start(data, lines), StandardCharsets.UTF_8);
  }

  @Test
  void lastLines() {
    assertEquals("c\n", tail("a\nb\nc\n", 1));
    assertEquals("b\nc\n", tail("a\nb\nc\n", 2));
    assertEquals("a\nb\nc\n", tail("a\nb\nc\n", 10));
    assertEquals("b\nc", tail("a\nb\nc", 2), "an unfinished last line counts");
    assertEquals("", tail("a\nb\n", 0));
    assertEquals("a\nb\n", tail("a\nb\n", -1), "negative: everything");
  }
}
