package dev.headroom.e2e.kubelet;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Hands out the loopback addresses of a node's pod CIDR, one per pod. The network address, the
 * first host address (Debian maps the host name to {@code 127.0.1.1}) and the broadcast address
 * are never handed out.
 */
final class PodIpPool {

  private final int base;
  private final int size;
  private final BitSet used;
  private final Map<String, Integer> byPod = new HashMap<>();

  private PodIpPool(int base, int size) {
    this.base = base;
    this.size = size;
    this.used = new BitSet(size);
    used.set(0);
    used.set(1);
    used.set(size - 1);
  }

  /** A pool for an IPv4 CIDR inside 127.0.0.0/8 with a prefix of /16 to /30. */
  static PodIpPool of(String cidr) {
    String[] parts = cidr.split("/", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException("--pod-cidr must look like 127.0.1.0/24, got '" + cidr + "'");
    }
    int prefix;
    try {
      prefix = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--pod-cidr has no numeric prefix length: '" + cidr + "'");
    }
    int address = parseIpv4(parts[0], cidr);
    if ((address >>> 24) != 127) {
      throw new IllegalArgumentException("--pod-cidr must be inside 127.0.0.0/8 (loopback), got '" + cidr + "'");
    }
    if (prefix < 16 || prefix > 30) {
      throw new IllegalArgumentException("--pod-cidr prefix must be between /16 and /30, got '" + cidr + "'");
    }
    int size = 1 << (32 - prefix);
    return new PodIpPool(address & -size, size);
  }

  /** The address of a pod: the one it already has, else {@code preferred} if free and in range, else the lowest free one. */
  synchronized Optional<String> allocate(String podUid, String preferred) {
    Integer existing = byPod.get(podUid);
    if (existing != null) {
      return Optional.of(format(base + existing));
    }
    int offset = offsetOf(preferred);
    if (offset < 0 || used.get(offset)) {
      offset = used.nextClearBit(0);
    }
    if (offset >= size) {
      return Optional.empty();
    }
    used.set(offset);
    byPod.put(podUid, offset);
    return Optional.of(format(base + offset));
  }

  /** Returns a pod's address to the pool; nothing happens if it has none. */
  synchronized void release(String podUid) {
    Integer offset = byPod.remove(podUid);
    if (offset != null) {
      used.clear(offset);
    }
  }

  private int offsetOf(String ip) {
    if (ip == null || ip.isBlank()) {
      return -1;
    }
    try {
      int offset = parseIpv4(ip, ip) - base;
      return offset >= 0 && offset < size ? offset : -1;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static int parseIpv4(String text, String context) {
    String[] octets = text.split("\\.");
    if (octets.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: '" + context + "'");
    }
    int value = 0;
    for (String octet : octets) {
      int n;
      try {
        n = Integer.parseInt(octet);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IPv4 address: '" + context + "'");
      }
      if (n < 0 || n > 255) {
        throw new IllegalArgumentException("not an IPv4 address: '" + context + "'");
      }
      value = (value << 8) | n;
    }
    return value;
  }

  private static String format(int address) {
    return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "." + (address & 255);
  }
}
