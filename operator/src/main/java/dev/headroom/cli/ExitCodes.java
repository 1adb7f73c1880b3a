package dev.headroom.cli;

/** What the {@code headroom} command's exit status means; scripts and CI branch on these. */
public final class ExitCodes {

  /** Done, and any verdict passed. */
  public static final int OK = 0;
  /** The run finished but failed its gate: a threshold missed, or too little headroom. */
  public static final int FAILED = 1;
  /** Invalid input (an option, argument or file); nothing was run. */
  public static final int USAGE = 2;
  /** Could not do the job: a port in use, something unreachable, or a bug (with its stack trace). */
  public static final int ERROR = 3;

  private ExitCodes() {}
}
