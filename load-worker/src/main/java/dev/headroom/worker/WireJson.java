package dev.headroom.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON setup for the worker's wire: plan.json and the control API, both directions. */
public final class WireJson {

  /** Lenient on unknown fields so a newer operator can talk to an older worker. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private WireJson() {}
}
