package dev.headroom.worker;

/**
 * The worker's control port as both sides speak it (DESIGN.md, "Worker contract"): the paths and
 * the JSON fields of their bodies and answers. The worker serves them; the operator and {@code
 * headroom run} call them; neither spells them on its own.
 */
public final class ControlApi {

  /** {@code GET}: 200 once the plan is loaded and connections were tried; needs no token. */
  public static final String READY = "/ready";
  /** {@code POST {"startAt": ms}}: start the plan at that instant. */
  public static final String START = "/start";
  /** {@code POST {"rate": rps, "at": ms, "step": n}}: stage n at that rate from that instant. */
  public static final String RATE = "/rate";
  /**
   * {@code GET ?after=seq&ack=seq}: drops every interval up to ack (recorded by the collector), then
   * answers every finished interval kept after after.
   */
  public static final String INTERVALS = "/intervals";
  /** {@code POST}: stop sending; the last interval is kept. */
  public static final String STOP = "/stop";

  public static final String START_AT = "startAt";
  public static final String RATE_FIELD = "rate";
  public static final String AT = "at";
  public static final String STEP = "step";
  public static final String AFTER = "after";
  public static final String ACK = "ack";
  /** In {@code /ready}'s answer: the generator's I/O transport, {@code epoll} (native) or {@code nio}. */
  public static final String TRANSPORT = "transport";
  /** In {@code /ready}'s answer, only when the transport is not native: why native epoll is unavailable. */
  public static final String TRANSPORT_PROBLEM = "transportProblem";

  private ControlApi() {}
}
