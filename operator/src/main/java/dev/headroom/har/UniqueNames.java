package dev.headroom.har;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Names kept unique the way people number things: {@code cart}, {@code cart-2}, {@code cart-3}. */
final class UniqueNames {

  private final Set<String> taken;
  private final String separator;
  private final int maxLength;

  /** @param reserved names never handed out (a placeholder's built-ins) */
  UniqueNames(String separator, int maxLength, Collection<String> reserved) {
    this.separator = separator;
    this.maxLength = maxLength;
    this.taken = new HashSet<>(reserved);
  }

  /** {@code base}, or numbered when it is taken; cut to fit, never ending in punctuation. */
  String claim(String base) {
    String name = fit(base, "");
    for (int n = 2; !taken.add(name); n++) {
      name = fit(base, separator + n);
    }
    return name;
  }

  private String fit(String base, String suffix) {
    String cut = base.length() + suffix.length() <= maxLength ? base : base.substring(0, maxLength - suffix.length());
    return cut.replaceFirst("[-_.]+$", "") + suffix;
  }
}
