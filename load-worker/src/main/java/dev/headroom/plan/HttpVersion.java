package dev.headroom.plan;

/** HTTP/1.1 runs on the lean socket client; HTTP/2 on Vert.x's generic client. */
public enum HttpVersion {
  HTTP_1_1,
  HTTP_2
}
