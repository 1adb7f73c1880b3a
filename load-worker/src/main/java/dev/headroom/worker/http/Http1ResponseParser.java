package dev.headroom.worker.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * A strict, streaming HTTP/1.x response parser that keeps only what a load generator needs: the
 * status, how many bytes the response took, and whether the connection must close after it.
 *
 * <p>Bytes may arrive split anywhere; the parser keeps its state between calls and allocates
 * nothing while parsing. Header names are matched in a small reusable buffer, and only {@code
 * Content-Length}, {@code Transfer-Encoding} and {@code Connection} are looked at. Bodies are
 * skipped, never copied, unless a {@link BodySink} is given for a response (a journey step that
 * captures from the body): then it gets the body's bytes, without chunk framing, as they pass. Interim {@code 1xx} responses are skipped too (their bytes count).
 * Anything that is not well-formed HTTP/1.x, including a bare LF as a line end and obsolete line
 * folding, is {@link #MALFORMED}: a parser that guesses would count garbage as successes.
 */
final class Http1ResponseParser implements ByteProcessor {

  /** More bytes are needed to finish the response. */
  static final int NEED_MORE = 0;
  /** The response is complete; the buffer's reader index is just past it. */
  static final int COMPLETE = 1;
  /** The bytes are not an HTTP/1.x response; the connection cannot be used any more. */
  static final int MALFORMED = 2;

  /** Caps what a response head (or trailer section) may take, so garbage cannot grow forever. */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] VERSION_PREFIX = {'H', 'T', 'T', 'P', '/', '1', '.'};
  private static final byte[] CONTENT_LENGTH = ascii("content-length");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] CHUNKED = ascii("chunked");
  private static final byte[] CLOSE = ascii("close");
  private static final byte[] KEEP_ALIVE = ascii("keep-alive");

  // The states of the machine, in the order a response goes through them.
  private static final int STATUS_LINE = 0;
  private static final int REASON = 1;
  private static final int STATUS_LF = 2;
  private static final int LINE_START = 3;
  private static final int NAME = 4;
  private static final int VALUE_LEADING_SPACE = 5;
  private static final int VALUE = 6;
  private static final int LINE_LF = 7;
  private static final int HEAD_END_LF = 8;
  private static final int BODY_LENGTH = 9;
  private static final int BODY_UNTIL_CLOSE = 10;
  private static final int CHUNK_SIZE = 11;
  private static final int CHUNK_EXTENSION = 12;
  private static final int CHUNK_SIZE_LF = 13;
  private static final int CHUNK_DATA = 14;
  private static final int CHUNK_DATA_CR = 15;
  private static final int CHUNK_DATA_LF = 16;
  private static final int TRAILER_LINE_START = 17;
  private static final int TRAILER_LINE = 18;
  private static final int TRAILER_LF = 19;
  private static final int TRAILER_END_LF = 20;
  private static final int DONE = 21;
  private static final int FAILED = 22;

  private static final int OTHER_HEADER = 0;
  private static final int CONTENT_LENGTH_HEADER = 1;
  private static final int TRANSFER_ENCODING_HEADER = 2;
  private static final int CONNECTION_HEADER = 3;
  /** A header a journey step captures: {@code KEPT_HEADER + i} for the i-th name asked for. */
  private static final int KEPT_HEADER = 16;
  /** The longest header name a capture can ask for; longer ones are never matched. */
  static final int MAX_KEPT_NAME = 128;
  /** The longest value kept: a longer one is a capture miss, not memory spent per connection. */
  static final int MAX_KEPT_VALUE = 8192;

  private final byte[] name = new byte[MAX_KEPT_NAME];
  private final byte[] value = new byte[256];
  /** Lower-case names of the headers to keep for this response, or null; their values, once seen. */
  private byte[][] keep;
  private String[] kept = new String[0];
  private byte[] keptValue;

  private boolean headRequest;
  /** Null on the plain path: then a body costs one null check per read, as before. */
  private BodySink sink;
  private int state;
  private long bytes;
  private int sectionBytes;
  private int statusPos;
  private int status;
  private int minorVersion;
  private int nameLength;
  private int header;
  private int valueLength;
  private boolean valueTooLong;
  private long contentLength;
  private boolean chunked;
  private boolean transferEncoded;
  private boolean connectionClose;
  private boolean connectionKeepAlive;
  private boolean untilClose;
  private long remaining;
  private int chunkSizeDigits;

  /** Prepares for the response to a new request; {@code headRequest} means it has no body. */
  void start(boolean headRequest) {
    start(headRequest, null);
  }

  /** As {@link #start(boolean)}, handing the body's bytes to {@code sink} (null: skip them). */
  void start(boolean headRequest, BodySink sink) {
    start(headRequest, sink, null);
  }

  /**
   * As {@link #start(boolean, BodySink)}, keeping the first value of each header named in {@code
   * keepHeaders} (lower-case) for {@link #kept(int)}.
   */
  void start(boolean headRequest, BodySink sink, byte[][] keepHeaders) {
    this.headRequest = headRequest;
    this.sink = sink;
    this.keep = keepHeaders;
    if (keepHeaders != null) {
      if (kept.length < keepHeaders.length) {
        kept = new String[keepHeaders.length];
      }
      java.util.Arrays.fill(kept, null);
      if (keptValue == null) {
        keptValue = new byte[MAX_KEPT_VALUE];
      }
    }
    bytes = 0;
    startHead();
  }

  private void startHead() {
    state = STATUS_LINE;
    sectionBytes = 0;
    statusPos = 0;
    status = 0;
    minorVersion = 0;
    contentLength = -1;
    chunked = false;
    transferEncoded = false;
    connectionClose = false;
    connectionKeepAlive = false;
    untilClose = false;
  }

  /**
   * Consumes bytes of the response from {@code in}, stopping right after its end; bytes past it
   * stay unread.
   *
   * @return {@link #NEED_MORE}, {@link #COMPLETE} or {@link #MALFORMED}
   */
  int parse(ByteBuf in) {
    if (state == DONE) {
      return COMPLETE;
    }
    if (state == FAILED) {
      return MALFORMED;
    }
    int i = in.readerIndex();
    int end = in.writerIndex();
    while (i < end && state != DONE && state != FAILED) {
      if (state == BODY_LENGTH || state == CHUNK_DATA || state == BODY_UNTIL_CLOSE) {
        i = skipBody(in, i, end);
      } else {
        // forEachByte checks the buffer once per call, where getByte would per byte.
        int stopped = in.forEachByte(i, end - i, this);
        i = stopped < 0 ? end : stopped + 1;
      }
    }
    bytes += i - in.readerIndex();
    in.readerIndex(i);
    return state == DONE ? COMPLETE : state == FAILED ? MALFORMED : NEED_MORE;
  }

  /** One byte of a status line, header or chunk line; false once the scan must stop after it. */
  @Override
  public boolean process(byte b) {
    step(b);
    if (isSection(state) && ++sectionBytes > MAX_HEAD_BYTES) {
      state = FAILED;
    }
    return state != DONE && state != FAILED && state != BODY_LENGTH && state != CHUNK_DATA && state != BODY_UNTIL_CLOSE;
  }

  /**
   * The peer closed the connection. A body that runs until the close is complete now; any other
   * unfinished response is not.
   */
  int endOfInput() {
    if (state == BODY_UNTIL_CLOSE) {
      state = DONE;
    }
    return state == DONE ? COMPLETE : state == FAILED ? MALFORMED : NEED_MORE;
  }

  int status() {
    return status;
  }

  /** Bytes consumed for this response so far, interim responses and headers included. */
  long bytes() {
    return bytes;
  }

  /** Whether the connection cannot carry another request after this response. */
  boolean closeAfter() {
    return connectionClose || (minorVersion == 0 && !connectionKeepAlive) || untilClose;
  }

  private static boolean isSection(int state) {
    return state < BODY_LENGTH || (state >= TRAILER_LINE_START && state <= TRAILER_END_LF);
  }

  private int skipBody(ByteBuf in, int i, int end) {
    if (state == BODY_UNTIL_CLOSE) {
      if (sink != null) {
        sink.body(in, i, end - i);
      }
      return end;
    }
    int n = (int) Math.min(remaining, end - i);
    if (sink != null) {
      sink.body(in, i, n);
    }
    remaining -= n;
    if (remaining == 0) {
      state = state == CHUNK_DATA ? CHUNK_DATA_CR : DONE;
    }
    return i + n;
  }

  private void step(byte b) {
    switch (state) {
      case STATUS_LINE -> statusLine(b);
      case REASON -> {
        if (b == CR) {
          state = STATUS_LF;
        } else if (b == LF) {
          state = FAILED;
        }
      }
      case STATUS_LF -> state = b == LF ? LINE_START : FAILED;
      case LINE_START -> lineStart(b);
      case NAME -> name(b);
      case VALUE_LEADING_SPACE -> {
        if (b != ' ' && b != '\t') {
          state = VALUE;
          value(b);
        }
      }
      case VALUE -> value(b);
      case LINE_LF -> state = b == LF && endHeader() ? LINE_START : FAILED;
      case HEAD_END_LF -> state = b == LF ? afterHead() : FAILED;
      case CHUNK_SIZE -> chunkSize(b);
      case CHUNK_EXTENSION -> {
        if (b == CR) {
          state = CHUNK_SIZE_LF;
        } else if (b == LF) {
          state = FAILED;
        }
      }
      case CHUNK_SIZE_LF -> {
        if (b != LF) {
          state = FAILED;
        } else if (remaining == 0) {
          sectionBytes = 0;
          state = TRAILER_LINE_START;
        } else {
          state = CHUNK_DATA;
        }
      }
      case CHUNK_DATA_CR -> state = b == CR ? CHUNK_DATA_LF : FAILED;
      case CHUNK_DATA_LF -> {
        chunkSizeDigits = 0;
        state = b == LF ? CHUNK_SIZE : FAILED;
      }
      case TRAILER_LINE_START -> state = b == CR ? TRAILER_END_LF : b == LF || b == ' ' || b == '\t' ? FAILED : TRAILER_LINE;
      case TRAILER_LINE -> {
        if (b == CR) {
          state = TRAILER_LF;
        } else if (b == LF) {
          state = FAILED;
        }
      }
      case TRAILER_LF -> state = b == LF ? TRAILER_LINE_START : FAILED;
      case TRAILER_END_LF -> state = b == LF ? DONE : FAILED;
      default -> state = FAILED;
    }
  }

  /** {@code HTTP/1.x SP 3DIGIT (SP reason)? CRLF}; an empty reason may omit the space. */
  private void statusLine(byte b) {
    int pos = statusPos++;
    if (pos < VERSION_PREFIX.length) {
      ok(b == VERSION_PREFIX[pos]);
    } else if (pos == 7) {
      ok(b == '0' || b == '1');
      minorVersion = b - '0';
    } else if (pos == 8) {
      ok(b == ' ');
    } else if (pos <= 11) {
      boolean digit = b >= '0' && b <= '9' && (pos > 9 || (b >= '1' && b <= '5'));
      ok(digit);
      status = status * 10 + (b - '0');
    } else if (b == ' ') {
      state = REASON;
    } else if (b == CR) {
      state = STATUS_LF;
    } else {
      state = FAILED;
    }
  }

  private void ok(boolean condition) {
    if (!condition) {
      state = FAILED;
    }
  }

  private void lineStart(byte b) {
    if (b == CR) {
      state = HEAD_END_LF;
    } else if (HttpSyntax.isTokenChar(b & 0xff)) {
      nameLength = 0;
      state = NAME;
      name(b);
    } else {
      state = FAILED; // includes obsolete line folding (a line starting with space)
    }
  }

  private void name(byte b) {
    if (b == ':') {
      header = identify();
      valueLength = 0;
      valueTooLong = false;
      state = VALUE_LEADING_SPACE;
    } else if (HttpSyntax.isTokenChar(b & 0xff)) {
      if (nameLength < name.length) {
        name[nameLength] = lowerCase(b);
      }
      nameLength++;
    } else {
      state = FAILED;
    }
  }

  private int identify() {
    if (matches(name, nameLength, CONTENT_LENGTH)) {
      return CONTENT_LENGTH_HEADER;
    }
    if (matches(name, nameLength, TRANSFER_ENCODING)) {
      return TRANSFER_ENCODING_HEADER;
    }
    if (matches(name, nameLength, CONNECTION)) {
      return CONNECTION_HEADER;
    }
    for (int i = 0; keep != null && i < keep.length; i++) {
      if (kept[i] == null && matches(name, nameLength, keep[i])) {
        return KEPT_HEADER + i;
      }
    }
    return OTHER_HEADER;
  }

  private void value(byte b) {
    if (b == CR) {
      state = LINE_LF;
    } else if (b == LF || (b != '\t' && (b & 0xff) < 0x20) || b == 0x7f) {
      state = FAILED;
    } else if (header >= KEPT_HEADER) {
      if (valueLength < keptValue.length) {
        keptValue[valueLength++] = b; // as sent: a token's case matters
      } else {
        valueTooLong = true;
      }
    } else if (header != OTHER_HEADER) {
      if (valueLength < value.length) {
        value[valueLength++] = lowerCase(b);
      } else {
        valueTooLong = true;
      }
    }
  }

  /** Applies the header whose line just ended; false when its value is not acceptable. */
  private boolean endHeader() {
    if (header == OTHER_HEADER) {
      return true;
    }
    if (header >= KEPT_HEADER) {
      keep(header - KEPT_HEADER);
      return true;
    }
    if (valueTooLong) {
      return false;
    }
    while (valueLength > 0 && (value[valueLength - 1] == ' ' || value[valueLength - 1] == '\t')) {
      valueLength--;
    }
    return switch (header) {
      case CONTENT_LENGTH_HEADER -> contentLength();
      case TRANSFER_ENCODING_HEADER -> transferEncoding();
      default -> connection();
    };
  }

  /** A kept header's value, trimmed; one too long for {@link #MAX_KEPT_VALUE} is not kept. */
  private void keep(int i) {
    if (valueTooLong) {
      return;
    }
    int length = valueLength;
    while (length > 0 && (keptValue[length - 1] == ' ' || keptValue[length - 1] == '\t')) {
      length--;
    }
    kept[i] = new String(keptValue, 0, length, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The first value of the i-th header asked for by {@link #start(boolean, BodySink, byte[][])}, or null. */
  String kept(int i) {
    return kept[i];
  }

  private boolean contentLength() {
    if (valueLength == 0 || valueLength > 18) {
      return false;
    }
    long n = 0;
    for (int i = 0; i < valueLength; i++) {
      byte b = value[i];
      if (b < '0' || b > '9') {
        return false;
      }
      n = n * 10 + (b - '0');
    }
    if (contentLength >= 0 && contentLength != n) {
      return false; // two different lengths: no way to know where the response ends
    }
    contentLength = n;
    return true;
  }

  /** Chunked must be the last coding; a message with another last coding runs until close. */
  private boolean transferEncoding() {
    transferEncoded = true;
    int start = lastTokenStart();
    chunked = tokenEquals(start, valueLength, CHUNKED);
    return start < valueLength;
  }

  private boolean connection() {
    int start = 0;
    for (int i = 0; i <= valueLength; i++) {
      if (i == valueLength || value[i] == ',') {
        int s = start;
        int e = i;
        while (s < e && (value[s] == ' ' || value[s] == '\t')) {
          s++;
        }
        while (e > s && (value[e - 1] == ' ' || value[e - 1] == '\t')) {
          e--;
        }
        connectionClose |= tokenEquals(s, e, CLOSE);
        connectionKeepAlive |= tokenEquals(s, e, KEEP_ALIVE);
        start = i + 1;
      }
    }
    return true;
  }

  private int lastTokenStart() {
    int i = valueLength;
    while (i > 0 && value[i - 1] != ',') {
      i--;
    }
    while (i < valueLength && (value[i] == ' ' || value[i] == '\t')) {
      i++;
    }
    return i;
  }

  private boolean tokenEquals(int start, int end, byte[] token) {
    if (end - start != token.length) {
      return false;
    }
    for (int i = 0; i < token.length; i++) {
      if (value[start + i] != token[i]) {
        return false;
      }
    }
    return true;
  }

  /** Decides how the body is framed once the head has ended. */
  private int afterHead() {
    if (status / 100 == 1) {
      if (status == 101) {
        return FAILED; // never asked to switch protocols
      }
      startHead(); // an interim response: the real one follows
      return STATUS_LINE;
    }
    if (transferEncoded && contentLength >= 0) {
      return FAILED; // both framings at once: the classic smuggling ambiguity
    }
    if (!bodyExpected()) {
      return DONE;
    }
    if (chunked) {
      chunkSizeDigits = 0;
      remaining = 0;
      return CHUNK_SIZE;
    }
    if (contentLength >= 0) {
      remaining = contentLength;
      return remaining == 0 ? DONE : BODY_LENGTH;
    }
    untilClose = true;
    return BODY_UNTIL_CLOSE;
  }

  private boolean bodyExpected() {
    return !headRequest && status != 204 && status != 304;
  }

  private void chunkSize(byte b) {
    int digit = hexValue(b);
    if (digit >= 0) {
      if (++chunkSizeDigits > 15) {
        state = FAILED;
      } else {
        remaining = remaining * 16 + digit;
      }
    } else if (chunkSizeDigits == 0) {
      state = FAILED;
    } else if (b == ';' || b == ' ' || b == '\t') {
      state = CHUNK_EXTENSION;
    } else if (b == CR) {
      state = CHUNK_SIZE_LF;
    } else {
      state = FAILED;
    }
  }

  private static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  private static boolean matches(byte[] lowerName, int length, byte[] expected) {
    if (length != expected.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (lowerName[i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte lowerCase(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
