package dev.headroom.plan;

/**
 * Open: requests arrive at a rate whatever the target does, and latency counts from the intended
 * send time. Closed: a fixed number of users each wait for a response (and think) before sending
 * again, so a slow target lowers the rate instead of raising latency.
 */
public enum LoadModel {
  Open,
  Closed
}
