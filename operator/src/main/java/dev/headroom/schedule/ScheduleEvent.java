package dev.headroom.schedule;

/** A Kubernetes Event to record on the schedule. */
public record ScheduleEvent(boolean warning, String reason, String message) {

  public static final String CREATED = "Created";
  public static final String MISSED_SCHEDULE = "MissedSchedule";
  public static final String SKIPPED = "Skipped";
  public static final String REPLACED = "Replaced";
  public static final String REGRESSED = "Regressed";
  public static final String CREATE_REFUSED = "CreateRefused";
  /** The run's name is held by a LoadTest this schedule does not control. */
  public static final String NAME_TAKEN = "NameTaken";
  /** A run deleted for a firing whose own run could then not be created. */
  public static final String CANCELLED = "Cancelled";
}
