package dev.headroom.e2e.kubelet;

/**
 * A container cannot be started because of its configuration (a missing Secret key, an unsupported
 * field). The message is shown to the user in the container's waiting state, as a real kubelet does.
 */
final class ContainerConfigException extends Exception {

  ContainerConfigException(String message) {
    super(message);
  }
}
