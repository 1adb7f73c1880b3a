package dev.headroom.plan;

/** Resolves {@code secretHeaders} values at the last moment, in the worker that sends them. */
@FunctionalInterface
public interface SecretSource {

  /** @throws IllegalArgumentException naming the Secret and key when there is no such value */
  String value(SecretHeader.SecretKeyRef ref);

  SecretSource NONE =
      ref -> {
        throw new IllegalArgumentException(
            "secret " + ref.name() + "/" + ref.key() + " is not available here");
      };
}
