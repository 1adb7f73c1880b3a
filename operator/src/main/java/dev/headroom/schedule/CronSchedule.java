package dev.headroom.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A schedule's cron expression read in its time zone: the instants it fires at. Parsing and the
 * calendar arithmetic (month lengths, daylight-saving gaps) are cron-utils'.
 */
public final class CronSchedule {

  /**
   * Standard five-field cron as CronJob reads it (day of week 0-7, both 0 and 7 Sunday) plus the
   * {@code @}-nicknames; cron-utils' own UNIX definition refuses the nicknames.
   */
  private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
      .withMinutes().withValidRange(0, 59).withStrictRange().and()
      .withHours().withValidRange(0, 23).withStrictRange().and()
      .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
      .withMonth().withValidRange(1, 12).withStrictRange().and()
      .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
      .withSupportedNicknameHourly()
      .withSupportedNicknameDaily()
      .withSupportedNicknameMidnight()
      .withSupportedNicknameWeekly()
      .withSupportedNicknameMonthly()
      .withSupportedNicknameYearly()
      .withSupportedNicknameAnnually()
      .instance();

  private static final CronParser PARSER = new CronParser(DEFINITION);

  private final ExecutionTime times;
  private final ZoneId zone;

  private CronSchedule(ExecutionTime times, ZoneId zone) {
    this.times = times;
    this.zone = zone;
  }

  /**
   * @param timeZone an IANA name; UTC when null
   * @throws IllegalArgumentException naming what is wrong: {@link #cronProblem} or {@link #zoneProblem}
   */
  public static CronSchedule of(String expression, String timeZone) {
    cronProblem(expression).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    zoneProblem(timeZone).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    return new CronSchedule(ExecutionTime.forCron(parse(expression)), zone(timeZone));
  }

  /** What is wrong with a cron expression, in words for a user; empty when it is fine. */
  public static Optional<String> cronProblem(String expression) {
    if (expression == null || expression.isBlank()) {
      return Optional.of("is empty: give five fields (minute hour day-of-month month day-of-week) or @daily");
    }
    try {
      // Five fields have no year, so what matches no date from some instant matches none ever
      // (February 30th); a schedule that cannot fire is a mistake, not a quiet one.
      if (ExecutionTime.forCron(parse(expression)).nextExecution(Instant.EPOCH.atZone(ZoneOffset.UTC)).isEmpty()) {
        return Optional.of("'" + expression + "' never fires: no date matches it");
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("'" + expression + "' is not a cron expression: " + e.getMessage());
    }
  }

  /**
   * What is wrong with a time zone name; empty when it is fine or unset. Only names of the time
   * zone database, as CronJob takes them: {@link ZoneId#of} would also take offsets such as
   * {@code +02:00}, which keep no daylight-saving time and so drift from the wall clock.
   */
  public static Optional<String> zoneProblem(String timeZone) {
    if (timeZone == null || ZoneId.getAvailableZoneIds().contains(timeZone)) {
      return Optional.empty();
    }
    return Optional.of("'" + timeZone + "' is not an IANA time zone, such as Europe/Berlin or UTC");
  }

  private static Cron parse(String expression) {
    Cron cron = PARSER.parse(expression.trim());
    cron.validate();
    return cron;
  }

  private static ZoneId zone(String timeZone) {
    return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
  }

  /** The first firing strictly after {@code after}; empty for a schedule that never fires again. */
  public Optional<Instant> next(Instant after) {
    Optional<Instant> candidate = rawNext(after);
    if (candidate.isPresent() && repeated(candidate.get())) {
      return rawNext(candidate.get());
    }
    return candidate;
  }

  /** The latest firing at or before {@code now}. */
  public Optional<Instant> latest(Instant now) {
    // lastExecution looks strictly before its argument, in whole seconds: ask from a second
    // later so that a firing at exactly now counts, then step back if that overshot.
    Optional<Instant> candidate = last(now.plusSeconds(1));
    if (candidate.isPresent() && candidate.get().isAfter(now)) {
      candidate = last(candidate.get());
    }
    if (candidate.isPresent() && repeated(candidate.get())) {
      return last(candidate.get());
    }
    return candidate;
  }

  /**
   * True for the second pass of a wall-clock time that a change back from daylight-saving time
   * repeats, when the schedule already fired at the first: cron-utils steps from the first pass to
   * the next day (a daily 02:30 runs once), but asked from inside the repeated hour it offers the
   * second pass too. Firings are what stepping yields, so that the same day never fires twice.
   */
  private boolean repeated(Instant firing) {
    Optional<Instant> previous = last(firing);
    return previous.isPresent() && !rawNext(previous.get()).equals(Optional.of(firing));
  }

  private Optional<Instant> rawNext(Instant after) {
    return times.nextExecution(after.atZone(zone)).map(t -> t.toInstant());
  }

  private Optional<Instant> last(Instant before) {
    return times.lastExecution(before.atZone(zone)).map(t -> t.toInstant());
  }
}
