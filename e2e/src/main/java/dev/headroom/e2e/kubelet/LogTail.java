package dev.headroom.e2e.kubelet;

/** Where the last N lines of a log start. */
final class LogTail {

  private LogTail() {
  }

  /** The offset in {@code data} where its last {@code lines} lines begin (a trailing newline ends the last line). */
  static int start(byte[] data, int lines) {
    if (lines < 0) {
      return 0;
    }
    if (lines == 0) {
      return data.length;
    }
    int end = data.length;
    if (end > 0 && data[end - 1] == '\n') {
      end--;
    }
    int found = 0;
    for (int i = end - 1; i >= 0; i--) {
      if (data[i] == '\n' && ++found == lines) {
        return i + 1;
      }
    }
    return 0;
  }
}
