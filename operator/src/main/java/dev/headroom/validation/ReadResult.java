package dev.headroom.validation;

import dev.headroom.api.v1alpha1.LoadTest;
import dev.headroom.plan.Problem;
import java.util.List;

/**
 * What reading a manifest gave: a valid {@link LoadTest}, or every problem found in it (never
 * both).
 *
 * @param loadTest the resource, null when there are problems
 */
public record ReadResult(LoadTest loadTest, List<Problem> problems) {

  public ReadResult {
    problems = List.copyOf(problems);
    if ((loadTest == null) == problems.isEmpty()) {
      throw new IllegalArgumentException("a read result holds a LoadTest or problems, not both or neither");
    }
  }

  static ReadResult valid(LoadTest loadTest) {
    return new ReadResult(loadTest, List.of());
  }

  static ReadResult invalid(List<Problem> problems) {
    return new ReadResult(null, problems);
  }

  public boolean isValid() {
    return loadTest != null;
  }
}
