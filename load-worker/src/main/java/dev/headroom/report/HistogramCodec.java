package dev.headroom.report;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The one histogram shape of Headroom (1 µs to 1 h, 3 significant digits) and its wire form:
 * HdrHistogram's compressed encoding in base64, a few KB where Java serialization is hundreds.
 */
public final class HistogramCodec {

  public static final long LOWEST_US = 1;
  public static final long HIGHEST_US = 3_600_000_000L;
  public static final int SIGNIFICANT_DIGITS = 3;

  private HistogramCodec() {}

  public static Histogram newHistogram() {
    return new Histogram(LOWEST_US, HIGHEST_US, SIGNIFICANT_DIGITS);
  }

  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  /** @throws IllegalArgumentException when the text is not an encoded histogram */
  public static Histogram decode(String base64) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
      return Histogram.decodeFromCompressedByteBuffer(buffer, LOWEST_US);
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException("not a compressed HdrHistogram: " + e.getMessage(), e);
    }
  }
}
