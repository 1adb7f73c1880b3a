package dev.headroom.e2e.kubelet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** The log files of one container: one per run, named by run number; the newest is the current one. */
final class ContainerLogs {

  private final Path dir;
  private final BooleanSupplier running;

  ContainerLogs(Path dir, BooleanSupplier running) {
    this.dir = dir;
    this.running = running;
  }

  /** The current run's file, or the one before it when {@code previous}. */
  Optional<Path> file(boolean previous) {
    List<Path> runs = runs();
    int index = runs.size() - (previous ? 2 : 1);
    return index >= 0 ? Optional.of(runs.get(index)) : Optional.empty();
  }

  /** Whether the current run is still writing. */
  boolean isRunning() {
    return running.getAsBoolean();
  }

  private List<Path> runs() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".log"))
          .sorted(Comparator.comparingInt(ContainerLogs::runNumber))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static int runNumber(Path file) {
    String name = file.getFileName().toString();
    try {
      return Integer.parseInt(name.substring(0, name.length() - ".log".length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
