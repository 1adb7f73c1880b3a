package dev.headroom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.headroom.api.v1alpha1.LoadTestPhase;
import dev.headroom.api.v1alpha1.LoadTestStatus;
import dev.headroom.results.RunFigures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A status saved by {@code headroom run --json}: a baseline to compare with, or a run to report. */
final class SavedStatus {

  /** Lenient: a status written by a newer headroom may carry fields this one does not know. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private SavedStatus() {}

  /**
   * @throws IllegalArgumentException naming the file and what is wrong with it, for exit 2
   */
  static LoadTestStatus read(Path file) {
    try {
      return MAPPER.readValue(Files.readAllBytes(file), LoadTestStatus.class);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not a saved status (headroom run --json): " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  /**
   * The figures of a saved run that succeeded, to compare with.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it, for exit 2
   */
  static RunFigures baseline(Path file) {
    LoadTestStatus status = read(file);
    if (status.getPhase() != LoadTestPhase.Succeeded) {
      throw new IllegalArgumentException(file + " holds a run that did not succeed (phase " + status.getPhase() + ")");
    }
    if (status.getResults() == null || status.getResults().intervalLog() == null) {
      throw new IllegalArgumentException(file + " has no results.intervalLog: save the baseline with"
          + " headroom run --json from this version on");
    }
    return RunFigures.of("baseline " + file.getFileName(), status, status.getResults().intervalLog());
  }
}
