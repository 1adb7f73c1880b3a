package dev.headroom.worker.http;

/**
 * Makes the connections of one lane. HTTP/1.1 uses a lean client on raw sockets (requests encoded
 * once, a strict streaming response parser); HTTP/2 uses Vert.x's generic client. Create it, and
 * open connections, on the lane's event loop so they stay on it.
 */
public interface Transport extends AutoCloseable {

  Connection open(int id, ConnectionListener listener);

  @Override
  void close();
}
