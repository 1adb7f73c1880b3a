package dev.headroom.journey;

import dev.headroom.plan.Template;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link Template} bound to session slots: rendering walks an array of parts and appends, with
 * no parsing and no lookup by name. A template without placeholders keeps its text, so a caller
 * can tell it apart ({@link #literal}) and encode it once.
 */
public final class CompiledTemplate {

  private final Template.Part[] parts;
  /** For each part, its session slot when it is a variable, else -1. */
  private final int[] slots;
  private final String literal;

  private CompiledTemplate(Template.Part[] parts, int[] slots, String literal) {
    this.parts = parts;
    this.slots = slots;
    this.literal = literal;
  }

  /**
   * Binds a template whose variables all have slots (PlanValidator made sure of that).
   *
   * @throws IllegalArgumentException for a variable without a slot
   */
  public static CompiledTemplate of(String text, Map<String, Integer> slotByName) {
    Template template = Template.parse(text == null ? "" : text);
    List<Template.Part> parts = template.parts();
    int[] slots = new int[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      slots[i] = -1;
      if (parts.get(i) instanceof Template.Variable v) {
        Integer slot = slotByName.get(v.name());
        if (slot == null) {
          throw new IllegalArgumentException("unknown variable '" + v.name() + "'");
        }
        slots[i] = slot;
      }
    }
    String literal = null;
    if (template.isLiteral()) {
      literal = parts.isEmpty() ? "" : ((Template.Literal) parts.get(0)).text();
    }
    return new CompiledTemplate(parts.toArray(Template.Part[]::new), slots, literal);
  }

  /** The text when there is nothing to fill in, else null. */
  public String literal() {
    return literal;
  }

  /** Appends the text for this session to {@code out}; a variable not set appends nothing. */
  public void render(StringBuilder out, Session session) {
    for (int i = 0; i < parts.length; i++) {
      Template.Part part = parts[i];
      if (part instanceof Template.Literal l) {
        out.append(l.text());
      } else if (part instanceof Template.Variable) {
        String value = session.value(slots[i]);
        if (value != null) {
          out.append(value);
        }
      } else if (part instanceof Template.RandomInt r) {
        out.append(session.random().nextLong(r.min(), r.max() + 1));
      } else if (part instanceof Template.Uuid) {
        out.append(randomUuid(session));
      } else if (part instanceof Template.WorkerIndex) {
        out.append(session.workerIndex());
      } else {
        out.append(session.journey());
      }
    }
  }

  /** A version-4 UUID from the session's random source (faster than SecureRandom, unguessable enough for test data). */
  private static UUID randomUuid(Session session) {
    long high = (session.random().nextLong() & ~0xF000L) | 0x4000L;
    long low = (session.random().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }
}
