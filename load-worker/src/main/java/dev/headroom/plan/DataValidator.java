package dev.headroom.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link PlanValidator}'s rules for {@code data}: names, one source each, and the header row where
 * {@link DataColumns} can read it. Gives what templates may name: each set with its columns, when
 * known.
 */
final class DataValidator {

  private static final Pattern NAME = Pattern.compile(DataSet.VARIABLE_PATTERN);

  private final Problems problems;

  DataValidator(Problems problems) {
    this.problems = problems;
  }

  /** The declared sets by name, with their columns when known (empty when not). */
  Map<String, Optional<List<String>>> data(List<DataSet> data, boolean scenarios, FieldPath at, DataColumns columns) {
    Map<String, Optional<List<String>>> sets = new LinkedHashMap<>();
    if (data == null) {
      return sets;
    }
    if (!scenarios) {
      problems.add(at, "only with spec.scenarios: independent requests have no templates to read rows into");
      return sets;
    }
    if (data.size() > PlanValidator.MAX_DATA_SETS) {
      problems.add(at, "lists " + data.size() + " data sets; at most " + PlanValidator.MAX_DATA_SETS);
      return sets;
    }
    Map<String, FieldPath> named = new LinkedHashMap<>();
    for (int i = 0; i < data.size(); i++) {
      DataSet set = data.get(i);
      FieldPath di = at.index(i);
      if (!problems.required(di, set) || !name(set.name(), di.field("name"), named)) {
        continue;
      }
      Optional<FieldPath> source = source(set, di);
      if (source.isEmpty()) {
        sets.put(set.name(), Optional.empty());
        continue;
      }
      try {
        sets.put(set.name(), columns.of(set));
      } catch (IllegalArgumentException e) {
        problems.add(source.get(), e.getMessage());
        sets.put(set.name(), Optional.empty());
      }
    }
    return sets;
  }

  private boolean name(String name, FieldPath at, Map<String, FieldPath> named) {
    if (!problems.required(at, name)) {
      return false;
    }
    if (!NAME.matcher(name).matches()) {
      problems.add(at, "'" + name + "' is not a name templates can use (letters, digits and _, not starting with a"
          + " digit)");
      return false;
    }
    if (Template.BUILT_INS.contains(name)) {
      problems.add(at, "'" + name + "' is a built-in placeholder; choose another name");
      return false;
    }
    FieldPath first = named.putIfAbsent(name, at);
    if (first != null) {
      problems.add(at, "'" + name + "' is already the name of " + first);
      return false;
    }
    return true;
  }

  /** The one source's field, once it is well formed. */
  private Optional<FieldPath> source(DataSet set, FieldPath at) {
    int sources = (set.configMapKeyRef() == null ? 0 : 1) + (set.secretKeyRef() == null ? 0 : 1)
        + (set.file() == null ? 0 : 1);
    if (sources != 1) {
      problems.add(at, (sources == 0 ? "needs a source" : "takes its rows from one source")
          + ": set exactly one of configMapKeyRef, secretKeyRef or file");
      return Optional.empty();
    }
    if (set.file() != null) {
      if (set.file().isBlank()) {
        problems.add(at.field("file"), "must name a CSV file");
        return Optional.empty();
      }
      return Optional.of(at.field("file"));
    }
    FieldPath ref = at.field(set.configMapKeyRef() != null ? "configMapKeyRef" : "secretKeyRef");
    DataSet.KeyRef keyRef = set.keyRef();
    boolean named = problems.required(ref.field("name"), keyRef.name());
    boolean keyed = problems.required(ref.field("key"), keyRef.key());
    return named && keyed ? Optional.of(ref) : Optional.empty();
  }
}
