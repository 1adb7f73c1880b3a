package dev.headroom.har;

/**
 * A recording that cannot be imported, with one line fit to show the user (exit status 2). It
 * carries no stack trace: the input is at fault, not the code.
 */
public final class HarException extends RuntimeException {

  public HarException(String message) {
    super(message, null, false, false);
  }
}
